package io.imgrid.gateway.http;

import io.imgrid.gateway.dispatch.JobDispatcher;
import io.imgrid.gateway.dispatch.WorkerSlots;
import io.imgrid.gateway.metrics.GatewayMetrics;
import java.util.Objects;

/**
 * The collaborators of a {@link GatewayVerticle}, built by the composition root: request
 * authentication (URL contract), dispatch (local bus or grid), the slot/queue limiter, metrics
 * and the readiness check.
 */
public record GatewayServices(
    RequestAuthenticator authenticator,
    JobDispatcher dispatcher,
    WorkerSlots slots,
    GatewayMetrics metrics,
    ReadinessCheck readiness) {

  public GatewayServices {
    Objects.requireNonNull(authenticator, "authenticator == null");
    Objects.requireNonNull(dispatcher, "dispatcher == null");
    Objects.requireNonNull(slots, "slots == null");
    Objects.requireNonNull(metrics, "metrics == null");
    Objects.requireNonNull(readiness, "readiness == null");
  }
}
