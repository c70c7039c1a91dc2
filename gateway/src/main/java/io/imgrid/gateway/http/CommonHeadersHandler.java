package io.imgrid.gateway.http;

import io.imgrid.gateway.log.LogFields;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * First handler of every route: sets the headers imgproxy puts on every response
 * ({@code Server}, {@code X-Request-ID}, the v4 {@code Content-Security-Policy}) and writes the
 * request and response log lines (health checks are not logged, as in imgproxy). A connection
 * closed before the response ended is logged as 499.
 */
final class CommonHeadersHandler implements Handler<RoutingContext> {
  static final String REQUEST_ID = "imgrid.requestId";
  static final String STARTED_NANOS = "imgrid.startedNanos";
  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";

  private static final Logger LOG = Logger.getLogger("imgrid.http");

  private final RequestIds ids;
  private final Set<String> quietPaths;

  CommonHeadersHandler(RequestIds ids, Set<String> quietPaths) {
    this.ids = Objects.requireNonNull(ids, "ids == null");
    this.quietPaths = Set.copyOf(quietPaths);
  }

  @Override
  public void handle(RoutingContext rc) {
    long started = System.nanoTime();
    HttpServerRequest req = rc.request();
    String id = ids.idFor(req.getHeader("X-Request-ID"));
    rc.put(REQUEST_ID, id);
    rc.put(STARTED_NANOS, started);
    HttpServerResponse res = rc.response();
    res.putHeader("Server", "imgproxy")
        .putHeader("X-Request-ID", id)
        .putHeader("Content-Security-Policy", CSP);
    if (!quietPaths.contains(req.path())) {
      String method = req.method().name();
      String uri = req.uri();
      LogFields.log(LOG, Level.INFO, "Started " + uri, "request_id", id, "method", method, "uri", uri);
      rc.addEndHandler(
          ar -> {
            int status = ar.succeeded() ? res.getStatusCode() : 499;
            double seconds = (System.nanoTime() - started) / 1e9;
            LogFields.log(
                LOG,
                status >= 500 ? Level.SEVERE : status >= 400 ? Level.WARNING : Level.INFO,
                "Completed in " + String.format(java.util.Locale.ROOT, "%.3fs", seconds) + " " + uri,
                "request_id", id,
                "method", method,
                "uri", uri,
                "status", status,
                "duration", seconds);
          });
    }
    rc.next();
  }

  static String requestId(RoutingContext rc) {
    String id = rc.get(REQUEST_ID);
    return id == null ? "" : id;
  }
}
