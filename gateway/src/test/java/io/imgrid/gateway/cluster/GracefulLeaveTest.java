package io.imgrid.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.imgrid.gateway.grid.ClusteredWorker;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker that stops gracefully (drain, then leave) under load, on real clustered nodes: the
 * gateway stops picking it as soon as it drains, drops it from its directory and its membership
 * within a second of its leave, before Hazelcast itself removes the member (which between
 * containers takes the whole member timeout), and every request sent meanwhile succeeds with no
 * job lost or retried.
 */
@Timeout(90)
class GracefulLeaveTest {

  @Test
  void aDrainedWorkerIsGoneAtOnceAndNoRequestFails() throws Exception {
    try (TestGrid grid = new TestGrid()) {
      // production's member timeout: only the leave notice can make the gateway see it sooner
      ClusterNode gateway = grid.start(grid.config().withHeartbeat(
          Duration.ofSeconds(1), Duration.ofSeconds(10)));
      ClusterNode leavingNode = grid.start(grid.config().withHeartbeat(
          Duration.ofSeconds(1), Duration.ofSeconds(10)));
      ClusterNode steadyNode = grid.start(grid.config().withHeartbeat(
          Duration.ofSeconds(1), Duration.ofSeconds(10)));
      AtomicInteger ranLeaving = new AtomicInteger();
      AtomicInteger ranSteady = new AtomicInteger();
      Duration work = Duration.ofMillis(300);
      ClusteredWorker leaving = GridJobs.worker(leavingNode, 2,
          GridJobs.slow(leavingNode.vertx(), "leaving", work, ranLeaving));
      GridJobs.worker(steadyNode, 2, GridJobs.slow(steadyNode.vertx(), "steady", work, ranSteady));
      String leavingId = leavingNode.nodeId();

      WorkerDirectory directory =
          new WorkerDirectory(gateway.vertx(), gateway.membership(), Duration.ofSeconds(3));
      TestGrid.await(directory.start());
      CountingMetrics metrics = new CountingMetrics();
      Dispatcher dispatcher = new Dispatcher(gateway.vertx(), gateway.membership(), directory,
          new Quarantine(gateway.vertx(), Duration.ofSeconds(60), metrics), 0, metrics);
      Eventually.await("the gateway sees both workers", 10_000,
          () -> directory.workers().size() == 2);
      AtomicLong hazelcastRemoved = new AtomicLong();
      gateway.hazelcast().getCluster().addMembershipListener(new MembershipListener() {
        @Override
        public void memberAdded(MembershipEvent event) {}

        @Override
        public void memberRemoved(MembershipEvent event) {
          if (leavingId.equals(event.getMember().getAttribute(
              HazelcastMembership.NODE_ID_ATTRIBUTE))) {
            hazelcastRemoved.set(System.nanoTime());
          }
        }
      });

      // four clients, each sending its next job when the last one answers
      List<Future<Buffer>> results = new ArrayList<>();
      AtomicInteger sent = new AtomicInteger();
      long loadEnd = System.currentTimeMillis() + 4_000;
      for (int c = 0; c < 4; c++) {
        results.add(client(dispatcher, c, sent, loadEnd));
      }
      Eventually.await("the leaving worker runs jobs", 10_000, () -> ranLeaving.get() >= 2);

      long drainStart = System.nanoTime();
      Future<Void> drained = leaving.drain(Duration.ofSeconds(5));
      Eventually.await("the gateway stops picking the draining worker", 1_000,
          () -> directory.workers().stream().noneMatch(w -> w.nodeId().equals(leavingId)
              && !w.draining()));
      long stopPicking = System.nanoTime() - drainStart;
      TestGrid.await(drained);
      long drainedAt = System.nanoTime();
      Future<Void> left = leavingNode.close();
      Eventually.await("the gateway drops the leaving worker", 1_000,
          () -> !gateway.membership().isMember(leavingId)
              && directory.workers().stream().noneMatch(w -> w.nodeId().equals(leavingId))
              && gateway.memberCount() == 2);
      long seenGone = System.nanoTime();
      // the gateway's view dropped it while Hazelcast's own member list still has it
      assertThat(gateway.hazelcast().getCluster().getMembers()).anyMatch(m -> leavingId.equals(
          m.getAttribute(HazelcastMembership.NODE_ID_ATTRIBUTE)));
      assertThat(hazelcastRemoved).hasValue(0);
      TestGrid.await(left);
      grid.forget(leavingNode);

      int ranBefore = ranLeaving.get();
      for (int i = 0; i < results.size(); i++) {
        TestGrid.await(results.get(i)); // every client's chain succeeded to its end
      }
      assertThat(ranLeaving.get()).isEqualTo(ranBefore);
      assertThat(metrics.retries).hasValue(0);
      assertThat(metrics.quarantined).hasValue(0);
      System.out.printf("graceful leave: %d jobs; not picked %d ms after the drain began, "
              + "gone %d ms after it left; Hazelcast removed it %s%n",
          sent.get(), stopPicking / 1_000_000, (seenGone - drainedAt) / 1_000_000,
          hazelcastRemoved.get() == 0 ? "later"
              : (hazelcastRemoved.get() - drainedAt) / 1_000_000 + " ms after it left");
    }
  }

  @Test
  void aJobThatArrivesJustAfterTheDrainBeganIsAnsweredBusyNotDropped() throws Exception {
    try (TestGrid grid = new TestGrid()) {
      ClusterNode gateway = grid.start();
      ClusterNode workerNode = grid.start();
      AtomicInteger ran = new AtomicInteger();
      ClusteredWorker worker = GridJobs.worker(workerNode, 2,
          GridJobs.slow(workerNode.vertx(), "w", Duration.ofMillis(10), ran));
      long deadline = System.currentTimeMillis() + 10_000;
      // idle, so nothing holds the drain: it used to stop consuming at once
      Future<Void> drained = worker.drain(Duration.ofSeconds(5));
      // a gateway that picked this worker just before it heard the worker was draining
      Throwable failure = TestGrid.await(gateway.vertx().eventBus()
          .request(worker.address(), GridJobs.job("late", deadline),
              new DeliveryOptions().setSendTimeout(3_000))
          .transform(ar -> Future.succeededFuture(ar.cause())));
      assertThat(BusFailures.isSignal(failure, BusFailures.BUSY)).as("%s", failure).isTrue();
      assertThat(ran).hasValue(0);
      TestGrid.await(drained);
    }
  }

  /** Sends jobs one after another until {@code end}; fails on the first failed job. */
  private static Future<Buffer> client(Dispatcher dispatcher, int c, AtomicInteger sent,
      long end) {
    String name = "c" + c + "-" + sent.incrementAndGet();
    long deadline = System.currentTimeMillis() + 10_000;
    return dispatcher.dispatch("key-" + name, GridJobs.job(name, deadline), deadline)
        .compose(result -> {
          assertThat(GridJobs.body(result)).endsWith(":" + name);
          return System.currentTimeMillis() < end
              ? client(dispatcher, c, sent, end) : Future.succeededFuture(result);
        });
  }
}
