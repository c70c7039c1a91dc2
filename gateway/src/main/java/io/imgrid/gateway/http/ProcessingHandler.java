package io.imgrid.gateway.http;

import io.imgrid.shared.bus.ResultMessage;
import io.imgrid.shared.config.ServerConfig;
import io.opentelemetry.context.Scope;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The image route: authenticate the request, take a slot (or queue, or 429), dispatch the job,
 * and write the result with {@link ResponseHeaders}. Every failure goes to the
 * {@link FailureHandler}. The whole request shares one deadline, {@code IMGPROXY_TIMEOUT} from
 * arrival. With {@code IMGRID_SERVER_TIMING}, the answer says where its time went
 * ({@link ServerTiming}).
 */
final class ProcessingHandler implements Handler<RoutingContext> {
  private final ServerConfig config;
  private final GatewayServices services;
  private final Clock clock;
  private final RawStreamer raw;

  ProcessingHandler(ServerConfig config, GatewayServices services, Clock clock) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.services = Objects.requireNonNull(services, "services == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.raw = new RawStreamer(config, services, clock);
  }

  @Override
  public void handle(RoutingContext rc) {
    long started = System.nanoTime();
    services.metrics().requestStarted();
    RequestTracing.Trace trace = services.tracing().start(rc.request());
    HttpServerResponse res = rc.response();
    rc.addEndHandler(
        ar -> {
          int status = ar.succeeded() ? res.getStatusCode() : 499;
          services.metrics().requestFinished(status, System.nanoTime() - started);
          trace.end(status);
        });
    long deadline = clock.millis() + config.timeout().toMillis();
    String uri = rc.request().uri().substring(config.pathPrefix().length());
    JobRequest request;
    try {
      request =
          services
              .authenticator()
              .authenticate(CommonHeadersHandler.requestId(rc), uri, rc.request().headers(), deadline);
    } catch (RuntimeException e) {
      rc.fail(e);
      return;
    }
    long parsed = System.nanoTime();
    trace.phase("parse", started, parsed);
    if (request.raw()) {
      raw.stream(rc, request);
      return;
    }
    long[] acquired = {0};
    services
        .slots()
        .submit(
            deadline,
            () -> {
              acquired[0] = System.nanoTime();
              services.metrics().span("queue", acquired[0] - started);
              trace.phase("queue", parsed, acquired[0]);
              try (Scope dispatching = trace.startDispatch()) {
                return services.dispatcher().dispatch(
                    request.job().withTraceParent(trace.traceParent()));
              }
            })
        .onComplete(
            ar -> {
              if (acquired[0] != 0) {
                services.metrics().span("processing_image", System.nanoTime() - acquired[0]);
                trace.endDispatch(ar.failed() ? ar.cause() : null);
              }
              if (ar.succeeded()) {
                if (config.serverTiming()) {
                  long now = System.nanoTime();
                  rc.response().putHeader("Server-Timing", ServerTiming.header(
                      List.of(new ServerTiming.Gateway("parse", parsed - started),
                          new ServerTiming.Gateway("queue", acquired[0] - parsed),
                          new ServerTiming.Gateway("dispatch", now - acquired[0])),
                      ar.result().timings(), now - started));
                }
                write(rc, request, ar.result());
              } else {
                rc.fail(ar.cause());
              }
            });
  }

  private void write(RoutingContext rc, JobRequest request, ResultMessage result) {
    HttpServerResponse res = rc.response();
    if (res.closed()) {
      return;
    }
    int status = status(result);
    int fallbackTtl = result.isFallback() ? config.fallback().ttl() : 0;
    Map<String, String> headers =
        ResponseHeaders.forResult(
            request, result, status, config.headers(), fallbackTtl, clock.instant());
    headers.forEach(res::putHeader);
    res.setStatusCode(status);
    if (result.isNotModified()) {
      res.end();
    } else {
      res.end(Buffer.buffer(result.body()));
    }
  }

  /**
   * The result's status; for the fallback image {@code IMGPROXY_FALLBACK_IMAGE_HTTP_CODE}, or the
   * original failure's status when that is 0.
   */
  private int status(ResultMessage result) {
    if (!result.isFallback()) {
      return result.status();
    }
    int code = config.fallback().httpCode();
    return code == 0 ? result.fallbackStatus() : code;
  }
}
