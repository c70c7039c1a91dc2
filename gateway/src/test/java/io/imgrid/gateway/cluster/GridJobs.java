package io.imgrid.gateway.cluster;

import io.imgrid.gateway.grid.ClusteredWorker;
import io.imgrid.shared.bus.JobHandler;
import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.ResultMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jobs and stand-in job handlers for tests that run the real {@link ClusteredWorker} (slots,
 * busy answers, draining, progress) on real clustered nodes without libvips.
 */
final class GridJobs {
  private GridJobs() {}

  /** A job's bytes as the gateway sends them; its source URL names it. */
  static Buffer job(String name, long deadlineMillis) {
    return Buffer.buffer(new JobMessage("req-" + name, "key-" + name, "local:///" + name,
        "", false, false, false, null, null, deadlineMillis).toBytes());
  }

  /** What {@link #slow} answers for the job named {@code name} on worker {@code tag}. */
  static String answer(String tag, String name) {
    return tag + ":" + name;
  }

  /** The body of a result's bytes. */
  static String body(Buffer result) {
    return new String(ResultMessage.fromBytes(result.getBytes()).body(), StandardCharsets.UTF_8);
  }

  /** Answers each job after {@code work}, counting the jobs it ran. */
  static JobHandler slow(Vertx vertx, String tag, Duration work, AtomicInteger ran) {
    return job -> vertx.timer(Math.max(1, work.toMillis())).map(v -> {
      ran.incrementAndGet();
      String name = job.sourceUrl().substring("local:///".length());
      return new ResultMessage(200, "image/png",
          answer(tag, name).getBytes(StandardCharsets.UTF_8), 1, 1, 1, 1, null, null, null,
          null, 1);
    });
  }

  /** A started {@link ClusteredWorker} on {@code node} saving format {@code "png"}. */
  static ClusteredWorker worker(ClusterNode node, int slots, JobHandler handler) {
    return worker(node, slots, "png", handler);
  }

  /**
   * A started {@link ClusteredWorker} on {@code node} that says it saves only {@code format}:
   * a test that dispatches with {@code w -> w.canSave(format)} reaches its own workers only.
   */
  static ClusteredWorker worker(ClusterNode node, int slots, String format, JobHandler handler) {
    ClusteredWorker worker = new ClusteredWorker(node.vertx(), node.nodeId(), slots,
        Set.of(format), handler, Duration.ofMillis(200));
    TestGrid.await(worker.start());
    return worker;
  }
}
