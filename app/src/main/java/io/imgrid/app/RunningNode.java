package io.imgrid.app;

import io.imgrid.gateway.dispatch.WorkerSlots;
import io.imgrid.gateway.http.GatewayVerticle;
import io.imgrid.gateway.metrics.PrometheusEndpoint;
import io.imgrid.shared.fetch.SourceFetcher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A started standalone node: its ports, and a graceful {@link #close()}. */
public final class RunningNode {
  private final Vertx vertx;
  private final String gatewayId;
  private final GatewayVerticle gateway;
  private final PrometheusEndpoint prometheus;
  private final WorkerSlots slots;
  private final SourceFetcher fetcher;
  private final Duration gracefulStop;

  RunningNode(
      Vertx vertx,
      String gatewayId,
      GatewayVerticle gateway,
      PrometheusEndpoint prometheus,
      WorkerSlots slots,
      SourceFetcher fetcher,
      Duration gracefulStop) {
    this.vertx = vertx;
    this.gatewayId = gatewayId;
    this.gateway = gateway;
    this.prometheus = prometheus;
    this.slots = slots;
    this.fetcher = fetcher;
    this.gracefulStop = gracefulStop;
  }

  /** The port the imgproxy routes listen on. */
  public int httpPort() {
    return gateway.actualPort();
  }

  /** The metrics port, or -1 when {@code IMGPROXY_PROMETHEUS_BIND} is unset. */
  public int metricsPort() {
    return prometheus == null ? -1 : prometheus.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Jobs holding a worker slot now. */
  public int jobsRunning() {
    return slots.running();
  }

  /** How long {@link #close()} may take at most, beyond which in-flight requests are cut. */
  public Duration gracefulStopTimeout() {
    return gracefulStop;
  }

  /**
   * Graceful stop: the gateway stops accepting and lets in-flight requests finish (within
   * {@code IMGPROXY_GRACEFUL_STOP_TIMEOUT}) while the worker still runs them, then Vert.x closes.
   * Blocks; call it from a thread that is not Vert.x's (a shutdown hook, a test).
   *
   * @throws IllegalStateException when called on a Vert.x thread
   */
  public void close() {
    if (Context.isOnVertxThread()) {
      throw new IllegalStateException("RunningNode.close() blocks: call it off Vert.x threads");
    }
    long limit = gracefulStop.toMillis() + 5_000;
    try {
      // Completed from here, not from a Vert.x callback: the event loops are gone once
      // vertx.close() ends, so nothing may wait on a callback scheduled on one of them.
      wait(vertx.undeploy(gatewayId).eventually(fetcher::close), limit);
      wait(vertx.close(), limit);
    } catch (TimeoutException e) {
      throw new IllegalStateException("node did not stop within " + limit + " ms", e);
    }
  }

  private static void wait(Future<?> future, long millis) throws TimeoutException {
    try {
      future.toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // a failed undeploy still lets the close go on; a failed close leaves nothing to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
