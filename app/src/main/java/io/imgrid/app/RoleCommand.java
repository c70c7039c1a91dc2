package io.imgrid.app;

import io.imgrid.gateway.log.LogSetup;
import io.imgrid.shared.config.ImgridConfig;
import io.vertx.core.Future;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code bin/imgrid gateway} and {@code bin/imgrid worker}: reads every setting (a clustered role
 * needs {@code IMGRID_CLUSTER_NAME}), starts the node, and drains it on SIGTERM through a JVM
 * shutdown hook bounded by {@code IMGPROXY_GRACEFUL_STOP_TIMEOUT}. Blocks until the JVM exits.
 *
 * <p>The starter is passed in so that this class, and the gateway path through it, never refers
 * to a worker class: a gateway never loads libvips.
 */
final class RoleCommand {
  private static final Logger LOG = Logger.getLogger("imgrid");
  /** Beyond the graceful timeout, for leaving the cluster. */
  private static final long LEAVE_MARGIN_MILLIS = 5_000;

  private RoleCommand() {}

  static int run(String role, Map<String, String> env, PrintStream err,
      Function<ImgridConfig, Future<? extends GridNode>> starter) {
    ImgridConfig config = ImgridConfig.load(env, true);
    LogSetup.configure(config.server().logFormat(), config.server().logLevel());
    for (String warning : config.warnings()) {
      LOG.warning(warning);
    }
    LOG.info(() -> "imgrid " + role + ": " + CrashFiles.describe());
    GridNode node;
    try {
      node = starter.apply(config).toCompletionStage().toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      err.println("imgrid " + role + ": cannot start: " + cause.getMessage());
      LOG.log(Level.FINE, "start failure", cause);
      return 1;
    }
    LOG.info(() -> "imgrid " + role + " " + node.cluster().nodeId() + " started: http "
        + node.httpPort() + ", metrics " + node.metricsPort() + ", members "
        + node.cluster().memberCount());
    CountDownLatch stopped = new CountDownLatch(1);
    long bound = config.server().gracefulStopTimeout().toMillis() + LEAVE_MARGIN_MILLIS;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      // JUL's own shutdown hook may already have closed the log handlers: plain stderr here
      err.println("imgrid " + role + ": SIGTERM, draining");
      try {
        node.drain().toCompletionStage().toCompletableFuture()
            .get(bound, TimeUnit.MILLISECONDS);
        err.println("imgrid " + role + ": drained and left the cluster");
      } catch (Exception e) {
        err.println("imgrid " + role + ": drain incomplete: " + e);
      }
      stopped.countDown();
    }, "imgrid-drain"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
