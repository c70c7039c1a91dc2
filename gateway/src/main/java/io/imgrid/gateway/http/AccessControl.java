package io.imgrid.gateway.http;

import io.imgrid.shared.error.RequestException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * imgproxy's CORS and secret middlewares for the image routes: {@code Access-Control-Allow-Origin}
 * and {@code -Methods: GET, OPTIONS} when {@code IMGPROXY_ALLOW_ORIGIN} is set (no
 * {@code Vary: Origin}), and, when {@code IMGPROXY_SECRET} is set, an
 * {@code Authorization: Bearer <secret>} compared in constant time (403 "Forbidden").
 */
final class AccessControl {
  private AccessControl() {}

  static Handler<RoutingContext> cors(String allowOrigin) {
    return rc -> {
      if (allowOrigin != null) {
        rc.response()
            .putHeader("Access-Control-Allow-Origin", allowOrigin)
            .putHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
      }
      rc.next();
    };
  }

  static Handler<RoutingContext> secret(String secret) {
    byte[] expected =
        secret == null ? null : ("Bearer " + secret).getBytes(StandardCharsets.UTF_8);
    return rc -> {
      if (expected != null) {
        String given = rc.request().getHeader("Authorization");
        byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, actual)) {
          rc.fail(RequestException.forbidden("invalid secret"));
          return;
        }
      }
      rc.next();
    };
  }
}
