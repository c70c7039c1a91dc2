package io.imgrid.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class GatewayVerticleTest {

  private static void assertCommonHeaders(HttpResponse<Buffer> r) {
    assertThat(r.getHeader("Server")).isEqualTo("imgproxy");
    assertThat(r.getHeader("Content-Security-Policy"))
        .isEqualTo("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
    assertThat(r.getHeader("X-Request-ID")).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void healthRoutes(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of("IMGPROXY_HEALTH_CHECK_PATH", "/ping"));
    for (String path : new String[] {"/health", "/ping"}) {
      HttpResponse<Buffer> r = g.get(path);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsString()).isEqualTo("imgproxy is running");
      assertThat(r.getHeader("Content-Type")).isEqualTo("text/plain");
      assertThat(r.getHeader("Cache-Control")).isEqualTo("no-cache");
      assertCommonHeaders(r);
    }
    assertThat(g.get("/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void readinessFailsWithoutWorkers(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of("TEST_NOT_READY", "1"));
    HttpResponse<Buffer> r = g.get("/health/ready");
    assertThat(r.statusCode()).isEqualTo(503);
    assertCommonHeaders(r);
  }

  @Test
  void landingFaviconWellKnownAndOtherMethods(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of());
    HttpResponse<Buffer> landing = g.get("/");
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.getHeader("Content-Type")).startsWith("text/html");
    assertCommonHeaders(landing);
    for (String path : new String[] {"/favicon.ico", "/.well-known/security.txt"}) {
      HttpResponse<Buffer> r = g.get(path);
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.bodyAsString()).isEqualTo(" ");
      assertThat(r.getHeader("Content-Type")).isEqualTo("text/plain");
      assertCommonHeaders(r);
    }
    for (HttpMethod m : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE}) {
      HttpResponse<Buffer> r = g.send(m, "/sig/rs:fit:1:1/plain/a.png");
      assertThat(r.statusCode()).as("%s", m).isEqualTo(404);
      assertThat(r.bodyAsString()).isEqualTo(" ");
      assertCommonHeaders(r);
    }
  }

  @Test
  void headAndOptionsAnswer200WithoutProcessingWithCors(Vertx vertx) {
    GatewayHarness g =
        GatewayHarness.start(
            vertx, Map.of("IMGPROXY_ALLOW_ORIGIN", "https://app.example", "IMGPROXY_SECRET", "s"));
    for (HttpMethod m : new HttpMethod[] {HttpMethod.HEAD, HttpMethod.OPTIONS}) {
      HttpResponse<Buffer> r = g.send(m, "/kind/INTERNAL");
      assertThat(r.statusCode()).as("%s", m).isEqualTo(200);
      assertThat(r.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
      assertThat(r.getHeader("Access-Control-Allow-Methods")).isEqualTo("GET, OPTIONS");
      assertCommonHeaders(r);
    }
    assertThat(g.slots.running()).isZero();
  }

  @Test
  void processesThroughTheLocalBus(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of("IMGPROXY_TTL", "60"));
    HttpResponse<Buffer> r = g.get("/sig/plain/pics/cat.jpg@png?vary");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsBuffer().getBytes()).isEqualTo(GatewayHarness.PNG);
    assertThat(r.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(r.getHeader("Content-Length")).isEqualTo("3");
    assertThat(r.getHeader("Cache-Control")).isEqualTo("max-age=60, public");
    assertThat(r.getHeader("ETag")).isEqualTo("\"etag\"");
    assertThat(r.getHeader("Vary")).isEqualTo("Accept");
    assertThat(r.getHeader("Content-Disposition")).startsWith("inline; filename=\"");
    assertThat(r.getHeader("Expires")).isNull();
    assertCommonHeaders(r);
  }

  @Test
  void pathPrefixAppliesToEveryRoute(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of("IMGPROXY_PATH_PREFIX", "/img"));
    assertThat(g.get("/img/health").statusCode()).isEqualTo(200);
    assertThat(g.get("/img").statusCode()).isEqualTo(200);
    assertThat(g.get("/img/x/plain/a.png").statusCode()).isEqualTo(200);
    assertThat(g.get("/img/kind/INVALID_URL").statusCode()).isEqualTo(404);
    HttpResponse<Buffer> outside = g.get("/x/plain/a.png");
    assertThat(outside.statusCode()).isEqualTo(404);
    assertThat(outside.bodyAsString()).isEqualTo(" ");
    assertThat(g.get("/health").statusCode()).isEqualTo(404);
  }

  @Test
  void requestIdIsEchoedWhenValidElseGenerated(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of());
    assertThat(g.get("/health", "X-Request-ID", "abc_DEF-123").getHeader("X-Request-ID"))
        .isEqualTo("abc_DEF-123");
    String generated = g.get("/health", "X-Request-ID", "bad id!").getHeader("X-Request-ID");
    assertThat(generated).matches("[A-Za-z0-9_-]{21}");
    assertThat(g.get("/health").getHeader("X-Request-ID"))
        .matches("[A-Za-z0-9_-]{21}")
        .isNotEqualTo(generated);
  }

  @Test
  void secretIsRequiredAsBearerToken(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of("IMGPROXY_SECRET", "s3cret"));
    HttpResponse<Buffer> none = g.get("/x/plain/a.png");
    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(none.bodyAsString()).isEqualTo("Forbidden");
    assertCommonHeaders(none);
    assertThat(g.get("/x/plain/a.png", "Authorization", "Bearer wrong").statusCode())
        .isEqualTo(403);
    assertThat(g.get("/x/plain/a.png", "Authorization", "Bearer s3cret").statusCode())
        .isEqualTo(200);
    assertThat(g.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void corsOnlyWhenConfigured(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of());
    HttpResponse<Buffer> r = g.get("/x/plain/a.png");
    assertThat(r.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(r.getHeader("Vary")).isNull();
  }

  @Test
  void corsOnProcessedImagesAndErrors(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of("IMGPROXY_ALLOW_ORIGIN", "*"));
    assertThat(g.get("/x/plain/a.png").getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(g.get("/kind/INVALID_URL").getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
  }
}
