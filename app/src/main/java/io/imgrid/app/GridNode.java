package io.imgrid.app;

import io.imgrid.gateway.cluster.ClusterNode;
import io.vertx.core.Future;

/** A running clustered node of either role, as the launcher and the grid tests see it. */
interface GridNode {
  /** "gateway" or "worker". */
  String role();

  ClusterNode cluster();

  /** The bound {@code IMGPROXY_BIND} port. */
  int httpPort();

  /** The bound {@code IMGPROXY_PROMETHEUS_BIND} port, or -1 when metrics are off. */
  int metricsPort();

  /** Graceful stop within {@code IMGPROXY_GRACEFUL_STOP_TIMEOUT}; completes once it left. */
  Future<Void> drain();
}
