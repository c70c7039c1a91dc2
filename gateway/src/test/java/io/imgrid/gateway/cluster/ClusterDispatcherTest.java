package io.imgrid.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.LoadException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Dispatch over a real cluster: a gateway node, a steady worker node, and worker nodes that are
 * shut down mid-job. Each test routes only to its own workers through a format tag.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterDispatcherTest {
  private final TestGrid grid = new TestGrid();
  private ClusterNode gateway;
  private ClusterNode steady;
  private WorkerDirectory directory;

  @BeforeAll
  void startGrid() {
    gateway = grid.start();
    steady = grid.start();
    directory = new WorkerDirectory(gateway.vertx(), gateway.membership(), Duration.ofSeconds(2));
    TestGrid.await(directory.start());
  }

  @AfterAll
  void stopGrid() {
    grid.close();
  }

  private Dispatcher dispatcher(int queueSize, CountingMetrics metrics) {
    Quarantine quarantine = new Quarantine(gateway.vertx(), Duration.ofSeconds(60), metrics);
    return new Dispatcher(gateway.vertx(), gateway.membership(), directory, quarantine,
        queueSize, metrics);
  }

  private static Predicate<WorkerInfo> tag(String tag) {
    return w -> w.canSave(tag);
  }

  private void awaitSeen(TestWorker... workers) {
    Eventually.await("the gateway sees the workers", 10_000, () -> {
      List<String> seen = new ArrayList<>();
      directory.workers().forEach(w -> seen.add(w.address()));
      for (TestWorker w : workers) {
        if (!seen.contains(w.address)) {
          return false;
        }
      }
      return true;
    });
  }

  private static long in(long millis) {
    return System.currentTimeMillis() + millis;
  }

  @Test
  void prefersTheWorkerWithFreeSlotsAndNeverTheFullOne() {
    TestWorker idle = TestWorker.start(steady, 4, 4, Set.of("a"), TestWorker.echo("idle"));
    TestWorker full = TestWorker.start(steady, 0, 4, Set.of("a"),
        m -> m.fail(BusFailures.BUSY, "full"));
    awaitSeen(idle, full);
    Dispatcher dispatcher = dispatcher(0, new CountingMetrics());

    List<Future<Buffer>> results = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      results.add(dispatcher.dispatch("k" + i, Buffer.buffer("job" + i), in(10_000), tag("a")));
    }
    for (int i = 0; i < 20; i++) {
      assertThat(TestGrid.await(results.get(i)).toString()).isEqualTo("idle:job" + i);
    }
    assertThat(full.received).hasValue(0);
    idle.announcer.stop();
    full.announcer.stop();
  }

  @Test
  void aWorkerAnsweringBusyIsLeftForAnotherAtOnce() {
    TestWorker liar = TestWorker.start(steady, 4, 4, Set.of("b"),
        m -> m.fail(BusFailures.BUSY, "full after all"));
    TestWorker honest = TestWorker.start(steady, 1, 4, Set.of("b"), TestWorker.echo("honest"));
    awaitSeen(liar, honest);
    Dispatcher dispatcher = dispatcher(0, new CountingMetrics());

    for (int i = 0; i < 5; i++) {
      Buffer result = TestGrid.await(
          dispatcher.dispatch("b" + i, Buffer.buffer("job"), in(10_000), tag("b")));
      assertThat(result.toString()).isEqualTo("honest:job");
    }
    assertThat(liar.received.get()).isPositive();
    liar.announcer.stop();
    honest.announcer.stop();
  }

  @Test
  void queuesWhileEveryWorkerIsFull429WhenTheQueueIsFull503AtTheDeadline() throws Exception {
    TestWorker busy = TestWorker.start(steady, 0, 1, Set.of("c"), TestWorker.echo("late"));
    awaitSeen(busy);
    Dispatcher dispatcher = dispatcher(2, new CountingMetrics());

    Future<Buffer> first = dispatcher.dispatch("c1", Buffer.buffer("1"), in(700), tag("c"));
    Future<Buffer> second = dispatcher.dispatch("c2", Buffer.buffer("2"), in(6_000), tag("c"));
    Eventually.await("both queued", 5_000, () -> dispatcher.queued() == 2);
    Future<Buffer> third = dispatcher.dispatch("c3", Buffer.buffer("3"), in(6_000), tag("c"));
    ImgridException full = failure(third);
    assertThat(full).isInstanceOf(LoadException.class);
    assertThat(full.status()).isEqualTo(429);

    ImgridException timeout = failure(first);
    assertThat(timeout.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(timeout.status()).isEqualTo(503);

    busy.announcer.freeSlots(1); // a slot frees: the queued job goes at once
    assertThat(TestGrid.await(second).toString()).isEqualTo("late:2");
    assertThat(dispatcher.queued()).isZero();
    // a job that merely timed out never counts toward quarantine
    Quarantine quarantine = new Quarantine(gateway.vertx(), Duration.ofSeconds(60),
        ClusterMetrics.NOOP);
    assertThat(TestGrid.await(quarantine.isQuarantined("c1"))).isFalse();
    busy.announcer.stop();
  }

  @Test
  void aWorkerNodeLeavingMidJobIsRetriedOnceElsewhereWithoutWaitingForTheTimeout() {
    ClusterNode doomedNode = grid.start();
    TestWorker doomed = TestWorker.start(doomedNode, 2, 2, Set.of("d"), m -> {
      // takes the job and never answers: the node dies with it
    });
    awaitSeen(doomed);
    CountingMetrics metrics = new CountingMetrics();
    Dispatcher dispatcher = dispatcher(0, metrics);

    long start = System.currentTimeMillis();
    Future<Buffer> result = dispatcher.dispatch("d1", Buffer.buffer("job"), in(30_000), tag("d"));
    Eventually.await("the doomed worker has the job", 10_000, () -> doomed.received.get() == 1);
    TestWorker rescuer = TestWorker.start(steady, 2, 2, Set.of("d"), TestWorker.echo("rescuer"));
    awaitSeen(rescuer);
    grid.stop(doomedNode);

    assertThat(TestGrid.await(result).toString()).isEqualTo("rescuer:job");
    assertThat(System.currentTimeMillis() - start).isLessThan(15_000);
    assertThat(metrics.retries).hasValue(1);
    assertThat(metrics.quarantined).hasValue(0);
    rescuer.announcer.stop();
  }

  @Test
  void aKeyRescuedAfterALossIsForgivenSoALaterUnrelatedLossIsRetriedNotQuarantined() {
    TestWorker rescuer = TestWorker.start(steady, 0, 2, Set.of("f"), TestWorker.echo("rescuer"));
    CountingMetrics metrics = new CountingMetrics();
    Dispatcher dispatcher = dispatcher(0, metrics);
    for (int round = 1; round <= 2; round++) {
      ClusterNode doomedNode = grid.start();
      TestWorker doomed = TestWorker.start(doomedNode, 2, 2, Set.of("f"), m -> {});
      rescuer.announcer.freeSlots(0); // the job goes to the doomed worker first
      awaitSeen(doomed);
      Eventually.await("the gateway sees the rescuer full", 10_000, () -> directory.workers()
          .stream().anyMatch(w -> w.address().equals(rescuer.address) && w.freeSlots() == 0));
      Future<Buffer> result = dispatcher.dispatch("hot", Buffer.buffer("r" + round), in(30_000),
          tag("f"));
      Eventually.await("the doomed worker has the job", 10_000, () -> doomed.received.get() == 1);
      rescuer.announcer.freeSlots(2);
      grid.stop(doomedNode);
      assertThat(TestGrid.await(result).toString()).isEqualTo("rescuer:r" + round);
    }
    assertThat(metrics.retries).hasValue(2);
    assertThat(metrics.quarantined).hasValue(0);
    rescuer.announcer.stop();
  }

  @Test
  void aKeyThatTookTwoWorkersDownIsQuarantinedClusterWide() throws Exception {
    ClusterNode q1 = grid.start();
    ClusterNode q2 = grid.start();
    TestWorker w1 = TestWorker.start(q1, 1, 1, Set.of("e"), m -> {});
    TestWorker w2 = TestWorker.start(q2, 1, 1, Set.of("e"), m -> {});
    awaitSeen(w1, w2);
    CountingMetrics metrics = new CountingMetrics();
    Dispatcher dispatcher = dispatcher(0, metrics);

    Future<Buffer> poisoned = dispatcher.dispatch("poison", Buffer.buffer("x"), in(40_000),
        tag("e"));
    Eventually.await("a worker has the job", 10_000,
        () -> w1.received.get() + w2.received.get() == 1);
    TestWorker first = w1.received.get() == 1 ? w1 : w2;
    TestWorker second = first == w1 ? w2 : w1;
    grid.stop(first.node);
    Eventually.await("the job is retried on the other worker", 10_000,
        () -> second.received.get() == 1);
    grid.stop(second.node);

    ImgridException e = failure(poisoned);
    assertThat(e.kind()).isEqualTo(ErrorKind.QUARANTINED);
    assertThat(e.status()).isEqualTo(422);
    assertThat(metrics.retries).hasValue(1);
    assertThat(metrics.quarantined).hasValue(1);

    // from now on the key answers 422 at once, even with a healthy worker around;
    // other keys are not affected
    TestWorker healthy = TestWorker.start(steady, 2, 2, Set.of("e"), TestWorker.echo("ok"));
    awaitSeen(healthy);
    Dispatcher elsewhere = dispatcher(0, new CountingMetrics());
    long start = System.currentTimeMillis();
    assertThat(failure(elsewhere.dispatch("poison", Buffer.buffer("x"), in(10_000), tag("e")))
        .kind()).isEqualTo(ErrorKind.QUARANTINED);
    assertThat(System.currentTimeMillis() - start).isLessThan(5_000);
    assertThat(healthy.received).hasValue(0);
    assertThat(TestGrid.await(elsewhere.dispatch("fine", Buffer.buffer("y"), in(10_000),
        tag("e"))).toString()).isEqualTo("ok:y");
    healthy.announcer.stop();
  }

  private static ImgridException failure(Future<Buffer> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ImgridException.class);
      return (ImgridException) e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("no answer", e);
    }
    throw new AssertionError("expected a failure");
  }
}
