package io.imgrid.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.SourceException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Dedup over two (and, when a leader dies, three) real clustered nodes. */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterDedupTest {
  private final TestGrid grid = new TestGrid();
  private final CountingMetrics metrics = new CountingMetrics();
  private ClusterNode a;
  private ClusterNode b;
  private ClusterDedup dedupA;
  private ClusterDedup dedupB;

  @BeforeAll
  void startGrid() {
    a = grid.startWithLeases();
    b = grid.startWithLeases();
    dedupA = started(a);
    dedupB = started(b);
  }

  @AfterAll
  void stopGrid() {
    grid.close();
  }

  @BeforeEach
  void resetCounters() {
    metrics.reset();
  }

  private ClusterDedup started(ClusterNode node) {
    ClusterDedup dedup = new ClusterDedup(node,
        Duration.ofSeconds(30), metrics);
    TestGrid.await(dedup.start());
    return dedup;
  }

  private static long in(long millis) {
    return System.currentTimeMillis() + millis;
  }

  /** Work that counts its runs and answers fresh random bytes after {@code millis}. */
  private static Supplier<Future<Buffer>> slowWork(Vertx vertx, AtomicInteger runs, long millis,
      String prefix) {
    return () -> {
      runs.incrementAndGet();
      Promise<Buffer> done = Promise.promise();
      vertx.setTimer(millis, id -> done.complete(Buffer.buffer(prefix + UUID.randomUUID())));
      return done.future();
    };
  }

  @Test
  void sixtyFourIdenticalCallsOnTwoNodesRunTheWorkOnceAndShareTheBytes() {
    AtomicInteger runs = new AtomicInteger();
    List<Future<Buffer>> results = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      ClusterDedup dedup = i % 2 == 0 ? dedupA : dedupB;
      ClusterNode node = i % 2 == 0 ? a : b;
      results.add(dedup.run("same-key", in(20_000), slowWork(node.vertx(), runs, 500, "r-")));
    }
    Set<String> bodies = new HashSet<>();
    for (Future<Buffer> result : results) {
      bodies.add(TestGrid.await(result).toString());
    }
    assertThat(runs).hasValue(1);
    assertThat(bodies).hasSize(1);
    assertThat(metrics.leaders).hasValue(1);
    assertThat(metrics.followers).hasValue(63);
  }

  @Test
  void distinctKeysNeverShareBytes() {
    AtomicInteger runs = new AtomicInteger();
    List<Future<Buffer>> results = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ClusterDedup dedup = i % 2 == 0 ? dedupA : dedupB;
      ClusterNode node = i % 2 == 0 ? a : b;
      results.add(dedup.run("key-" + i, in(20_000),
          slowWork(node.vertx(), runs, 50, "key-" + i + ":")));
    }
    Set<String> bodies = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      String body = TestGrid.await(results.get(i)).toString();
      assertThat(body).startsWith("key-" + i + ":");
      bodies.add(body);
    }
    assertThat(bodies).hasSize(50);
    assertThat(runs).hasValue(50);
  }

  @Test
  void followersOnAnotherNodeGetTheLeadersFailureWithItsKindAndStatus() throws Exception {
    AtomicInteger started = new AtomicInteger();
    Future<Buffer> leader = dedupA.run("failing", in(20_000), () -> {
      started.incrementAndGet();
      Promise<Buffer> p = Promise.promise();
      a.vertx().setTimer(500, id -> p.fail(SourceException.originStatus(403, "origin said no")));
      return p.future();
    });
    Eventually.await("the leader runs", 5_000, () -> started.get() == 1);
    Future<Buffer> follower = dedupB.run("failing", in(20_000), () -> {
      started.incrementAndGet();
      return Future.succeededFuture(Buffer.buffer("should not run"));
    });
    for (Future<Buffer> f : List.of(leader, follower)) {
      ImgridException e = failure(f);
      assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_UNREACHABLE);
      assertThat(e.status()).isEqualTo(403);
    }
    assertThat(started).hasValue(1);
  }

  @Test
  void aWaiterNeverWaitsPastItsDeadlineAndLeavingCancelsNothingForOthers() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Future<Buffer> patient = dedupA.run("slow", in(20_000), slowWork(a.vertx(), runs, 3_000, "s"));
    Eventually.await("the leader runs", 5_000, () -> runs.get() == 1);
    long start = System.currentTimeMillis();
    Future<Buffer> hasty = dedupB.run("slow", in(300), slowWork(b.vertx(), runs, 10, "x"));
    ImgridException e = failure(hasty);
    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(e.status()).isEqualTo(503);
    assertThat(patient.isComplete()).as("the hasty waiter gave up before the work ended").isFalse();
    assertThat(System.currentTimeMillis() - start).isLessThan(2_500);
    assertThat(TestGrid.await(patient).toString()).startsWith("s");
    assertThat(runs).hasValue(1);
  }

  @Test
  void followersOfALeaderWhoseNodeLeavesAreStillAnsweredInTime() {
    ClusterNode c = grid.startWithLeases();
    ClusterDedup dedupC = started(c);
    // the lease of a key lives on one of the three: wait until every node sees all of them
    Eventually.await("all three hold leases", 5_000, () -> Stream.of(a, b, c)
        .allMatch(n -> n.membership().leaseHolders().size() == 3));
    AtomicInteger doomedRuns = new AtomicInteger();
    dedupC.run("orphan", in(60_000), () -> {
      doomedRuns.incrementAndGet();
      return Promise.<Buffer>promise().future(); // never ends: its node dies first
    });
    Eventually.await("c leads", 5_000, () -> doomedRuns.get() == 1);

    AtomicInteger rescues = new AtomicInteger();
    long deadline = in(20_000);
    Future<Buffer> onA = dedupA.run("orphan", deadline, slowWork(a.vertx(), rescues, 200, "a"));
    Future<Buffer> onB = dedupB.run("orphan", deadline, slowWork(b.vertx(), rescues, 200, "b"));
    Eventually.await("a and b follow c", 5_000, () -> metrics.followers.get() == 2);
    grid.stop(c);

    String bodyA = TestGrid.await(onA).toString();
    assertThat(TestGrid.await(onB).toString()).isEqualTo(bodyA);
    assertThat(System.currentTimeMillis()).isLessThan(deadline);
    assertThat(rescues).hasValue(1);
  }

  private static ImgridException failure(Future<Buffer> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ImgridException.class);
      return (ImgridException) e.getCause();
    }
    throw new AssertionError("expected a failure");
  }
}
