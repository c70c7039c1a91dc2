package io.imgrid.gateway.http;

import io.imgrid.gateway.dispatch.JobDispatcher;
import io.imgrid.gateway.dispatch.WorkerSlots;
import io.imgrid.gateway.metrics.GatewayMetrics;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.SourceException;
import io.imgrid.shared.fetch.FetchRequest;
import io.imgrid.shared.fetch.FetchedSource;
import io.imgrid.shared.fetch.SourceFetcher;
import io.vertx.core.Future;
import java.util.Objects;

/**
 * The collaborators of a {@link GatewayVerticle}, built by the composition root: request
 * authentication (URL contract), dispatch (local bus or grid), the slot/queue limiter, metrics
 * the readiness check, and the source fetcher {@code raw} requests stream through (the gateway
 * fetches those itself, with no worker slot), and request tracing.
 */
public record GatewayServices(
    RequestAuthenticator authenticator,
    JobDispatcher dispatcher,
    WorkerSlots slots,
    GatewayMetrics metrics,
    ReadinessCheck readiness,
    SourceFetcher rawFetcher,
    RequestTracing tracing) {

  /**
   * Services without a fetcher: every {@code raw} request answers 404 "Source is unreachable".
   * For gateways and tests that never stream.
   */
  public GatewayServices(
      RequestAuthenticator authenticator,
      JobDispatcher dispatcher,
      WorkerSlots slots,
      GatewayMetrics metrics,
      ReadinessCheck readiness) {
    this(authenticator, dispatcher, slots, metrics, readiness, NO_RAW_FETCHER);
  }

  /** Services that trace nothing. */
  public GatewayServices(
      RequestAuthenticator authenticator,
      JobDispatcher dispatcher,
      WorkerSlots slots,
      GatewayMetrics metrics,
      ReadinessCheck readiness,
      SourceFetcher rawFetcher) {
    this(authenticator, dispatcher, slots, metrics, readiness, rawFetcher, RequestTracing.off());
  }

  /** These services with {@code tracing}. */
  public GatewayServices withTracing(RequestTracing tracing) {
    return new GatewayServices(authenticator, dispatcher, slots, metrics, readiness, rawFetcher,
        tracing);
  }

  private static final SourceFetcher NO_RAW_FETCHER =
      new SourceFetcher() {
        @Override
        public Future<FetchedSource> fetch(String url, FetchRequest request) {
          return Future.failedFuture(
              new SourceException(
                  ErrorKind.SOURCE_UNREACHABLE, "raw streaming is not configured on this gateway"));
        }

        @Override
        public Future<Void> close() {
          return Future.succeededFuture();
        }
      };

  public GatewayServices {
    Objects.requireNonNull(authenticator, "authenticator == null");
    Objects.requireNonNull(dispatcher, "dispatcher == null");
    Objects.requireNonNull(slots, "slots == null");
    Objects.requireNonNull(metrics, "metrics == null");
    Objects.requireNonNull(readiness, "readiness == null");
    Objects.requireNonNull(rawFetcher, "rawFetcher == null");
    Objects.requireNonNull(tracing, "tracing == null");
  }
}
