package io.imgrid.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.gateway.grid.ClusteredWorker;
import io.imgrid.shared.bus.ResultMessage;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.VertxInternal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Workers that go silent without closing a socket, on real clustered nodes: a worker whose every
 * event loop is frozen (its Hazelcast member keeps its heartbeats, so the cluster never drops it,
 * and its connections stay open) has its jobs given up within the silence and retried elsewhere,
 * well within their deadline; workers that are merely slow, or whose jobs wait in their own
 * queue, are never given up on. SIGSTOP of a whole worker JVM is tested in the app module.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SilentWorkerTest {
  private static final Duration SILENCE = Duration.ofSeconds(2);
  private final TestGrid grid = new TestGrid();
  private ClusterNode gateway;
  private WorkerDirectory directory;
  private CountingMetrics metrics;
  private Dispatcher dispatcher;

  @BeforeAll
  void startGateway() {
    gateway = grid.start(grid.config().withHeartbeat(Duration.ofSeconds(1),
        Duration.ofSeconds(10)));
    directory = new WorkerDirectory(gateway.vertx(), gateway.membership(), Duration.ofSeconds(3));
    TestGrid.await(directory.start());
    metrics = new CountingMetrics();
    dispatcher = new Dispatcher(gateway.vertx(), gateway.membership(), directory,
        new Quarantine(gateway.vertx(), Duration.ofSeconds(60), metrics), 0, metrics, SILENCE);
    TestGrid.await(dispatcher.ready());
  }

  @AfterAll
  void stopGrid() {
    grid.close();
  }

  private ClusterNode node() {
    return grid.start(grid.config().withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(10)));
  }

  @Test
  void aFrozenWorkersJobsAreRetriedElsewhereWellWithinTheirDeadline() throws Exception {
    ClusterNode frozenNode = node();
    ClusterNode steadyNode = node();
    AtomicInteger ranFrozen = new AtomicInteger();
    AtomicInteger ranSteady = new AtomicInteger();
    Duration work = Duration.ofMillis(400);
    ClusteredWorker frozen = GridJobs.worker(frozenNode, 3, "t1",
        GridJobs.slow(frozenNode.vertx(), "frozen", work, ranFrozen));
    ClusteredWorker steady = GridJobs.worker(steadyNode, 3, "t1",
        GridJobs.slow(steadyNode.vertx(), "steady", work, ranSteady));
    awaitWorkers(frozenNode, steadyNode);
    metrics.reset();

    List<Long> took = new CopyOnWriteArrayList<>();
    long end = System.currentTimeMillis() + 7_000;
    List<Future<Buffer>> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      clients.add(client("f" + c, "t1", end, took));
    }
    Eventually.await("the frozen-to-be worker holds jobs", 10_000, () -> frozen.running() > 0);
    long frozenAt = System.nanoTime();
    freeze(frozenNode.vertx(), 5_000);
    Eventually.await("the frozen worker is given up on", 5_000, () -> metrics.silent.get() > 0);
    long noticed = System.nanoTime() - frozenAt;
    for (Future<Buffer> client : clients) {
      TestGrid.await(client); // every job of every client succeeded
    }
    assertThat(took).isNotEmpty().allMatch(ms -> ms < 5_000);
    assertThat(metrics.retries.get()).isPositive();
    assertThat(metrics.quarantined).hasValue(0);
    assertThat(frozenNode.memberCount()).as("Hazelcast never dropped it").isEqualTo(
        gateway.memberCount());
    System.out.printf("frozen worker: %d jobs, given up %d ms after the freeze, slowest %d ms,"
        + " %d given up, %d retried%n", took.size(), TimeUnit.NANOSECONDS.toMillis(noticed),
        took.stream().mapToLong(Long::longValue).max().orElse(0), metrics.silent.get(),
        metrics.retries.get());

    // it thaws, announces itself and is picked again
    int before = ranFrozen.get();
    Eventually.await("the thawed worker runs jobs again", 20_000, () -> {
      long deadline = System.currentTimeMillis() + 10_000;
      TestGrid.await(dispatcher.dispatch("thaw-" + System.nanoTime(),
          GridJobs.job("thaw", deadline), deadline, w -> w.canSave("t1")));
      return ranFrozen.get() > before;
    });
    TestGrid.await(Future.all(frozen.drain(Duration.ofSeconds(5)),
        steady.drain(Duration.ofSeconds(5))));
    grid.stop(frozenNode);
    grid.stop(steadyNode);
  }

  @Test
  void slowJobsAndJobsQueuedOnTheWorkerAreNeverGivenUp() throws Exception {
    ClusterNode node = node();
    // three slots, one executor thread: two jobs wait in the worker's own queue for seconds
    WorkerExecutor executor = node.vertx().createSharedWorkerExecutor("imgrid-test-one", 1);
    AtomicInteger ran = new AtomicInteger();
    ClusteredWorker worker = GridJobs.worker(node, 3, "t2", job -> executor.executeBlocking(() -> {
      Thread.sleep(2_500);
      ran.incrementAndGet();
      return new ResultMessage(200, "image/png", "slow".getBytes(StandardCharsets.UTF_8),
          1, 1, 1, 1, null, null, null, null, 1);
    }));
    awaitWorkers(node);
    metrics.reset();

    List<Future<Buffer>> jobs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long deadline = System.currentTimeMillis() + 15_000;
      jobs.add(dispatcher.dispatch("slow-" + i, GridJobs.job("slow-" + i, deadline), deadline,
          w -> w.canSave("t2")));
    }
    for (Future<Buffer> job : jobs) {
      assertThat(GridJobs.body(TestGrid.await(job))).isEqualTo("slow");
    }
    assertThat(ran).hasValue(3); // the last one waited 5 s in the queue, then ran 2.5 s
    assertThat(metrics.silent).hasValue(0);
    assertThat(metrics.retries).hasValue(0);
    TestGrid.await(worker.drain(Duration.ofSeconds(5)));
    executor.close();
    grid.stop(node);
  }

  @Test
  void aJobALiveWorkerDoesNotHoldIsSentAgainOnceWithoutBlame() throws Exception {
    ClusterNode liarNode = node();
    ClusterNode honestNode = node();
    String address = "imgrid.test.liar." + liarNode.nodeId();
    WorkerAnnouncer announcer = new WorkerAnnouncer(liarNode.vertx(), new WorkerInfo(
        liarNode.nodeId(), address, 1, 1, java.util.Set.of("t3"), false, true),
        Duration.ofMillis(200));
    AtomicInteger received = new AtomicInteger();
    TestGrid.await(liarNode.vertx().eventBus().<Buffer>consumer(address, m -> {
      // takes the job and forgets it, yet keeps telling the gateway about other jobs
      received.incrementAndGet();
      announcer.freeSlots(0);
      String progress = m.headers().get(Dispatcher.PROGRESS_HEADER);
      liarNode.vertx().setPeriodic(250, t -> liarNode.vertx().eventBus().send(progress,
          Buffer.buffer(new io.imgrid.shared.bus.ProgressMessage(liarNode.nodeId(),
              new long[] {-1}).toBytes())));
    }).completion());
    announcer.start();
    awaitWorkers(liarNode);
    metrics.reset();

    long start = System.currentTimeMillis();
    long deadline = start + 10_000;
    Future<Buffer> result = dispatcher.dispatch("held", GridJobs.job("held", deadline), deadline,
        w -> w.canSave("t3"));
    Eventually.await("the liar has the job", 5_000, () -> received.get() == 1);
    AtomicInteger ran = new AtomicInteger();
    GridJobs.worker(honestNode, 1, "t3",
        GridJobs.slow(honestNode.vertx(), "honest", Duration.ofMillis(50), ran));
    assertThat(GridJobs.body(TestGrid.await(result))).isEqualTo("honest:held");
    assertThat(received).hasValue(1);
    assertThat(System.currentTimeMillis() - start).isLessThan(5_000);
    assertThat(metrics.silent).hasValue(1);
    assertThat(metrics.retries).hasValue(1);
    assertThat(metrics.quarantined).hasValue(0);
    assertThat(directory.workers()).anyMatch(w -> w.nodeId().equals(liarNode.nodeId()));
    announcer.stop();
    grid.stop(liarNode);
    grid.stop(honestNode);
  }

  private void awaitWorkers(ClusterNode... nodes) {
    Eventually.await("the gateway sees the workers", 10_000, () -> {
      for (ClusterNode n : nodes) {
        if (directory.workers().stream().noneMatch(w -> w.nodeId().equals(n.nodeId()))) {
          return false;
        }
      }
      return true;
    });
  }

  /** Jobs one after another until {@code end}, each timed; fails on the first failed job. */
  private Future<Buffer> client(String name, String format, long end, List<Long> took) {
    String job = name + "-" + System.nanoTime();
    long start = System.currentTimeMillis();
    long deadline = start + 10_000;
    return dispatcher.dispatch("key-" + job, GridJobs.job(job, deadline), deadline,
            w -> w.canSave(format))
        .compose(result -> {
          took.add(System.currentTimeMillis() - start);
          assertThat(GridJobs.body(result)).endsWith(":" + job);
          return System.currentTimeMillis() < end
              ? client(name, format, end, took) : Future.succeededFuture(result);
        });
  }

  /** Blocks every event loop of {@code vertx} for {@code millis}: its node goes silent. */
  private static void freeze(Vertx vertx, long millis) {
    for (EventExecutor loop : ((VertxInternal) vertx).eventLoopGroup()) {
      loop.execute(() -> {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }
}
