package io.imgrid.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** The small fixed answers of imgproxy's router: health, readiness, landing page, not found. */
final class SimpleRoutes {
  static final String HEALTH_BODY = "imgproxy is running";

  private static final String LANDING =
      "<!doctype html>\n<html>\n<head><meta charset=\"utf-8\"><title>imgrid</title></head>\n"
          + "<body>\n<h1>imgrid</h1>\n"
          + "<p>An imgproxy-compatible image server. Request images as "
          + "<code>/&lt;signature&gt;/&lt;processing options&gt;/plain/&lt;source url&gt;</code>; "
          + "see <a href=\"https://docs.imgproxy.net/\">the imgproxy documentation</a>.</p>\n"
          + "</body>\n</html>\n";

  private SimpleRoutes() {}

  static Handler<RoutingContext> health() {
    return rc ->
        rc.response()
            .putHeader("Content-Type", "text/plain")
            .putHeader("Cache-Control", "no-cache")
            .end(HEALTH_BODY);
  }

  static Handler<RoutingContext> ready(ReadinessCheck readiness) {
    return rc -> {
      boolean ready;
      try {
        ready = readiness.ready();
      } catch (RuntimeException e) {
        ready = false;
      }
      rc.response()
          .setStatusCode(ready ? 200 : 503)
          .putHeader("Content-Type", "text/plain")
          .putHeader("Cache-Control", "no-cache")
          .end(ready ? "ready" : "not ready: no worker available");
    };
  }

  static Handler<RoutingContext> landing() {
    return rc -> rc.response().putHeader("Content-Type", "text/html; charset=utf-8").end(LANDING);
  }

  /** 200 with no body: HEAD (never processed) and OPTIONS. */
  static Handler<RoutingContext> ok() {
    return rc -> rc.response().setStatusCode(200).end();
  }

  static Handler<RoutingContext> notFound() {
    return rc -> rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end(" ");
  }
}
