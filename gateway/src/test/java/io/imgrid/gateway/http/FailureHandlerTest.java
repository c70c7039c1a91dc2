package io.imgrid.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.error.ErrorKind;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class FailureHandlerTest {

  @Test
  void everyErrorKindGivesItsStatusAndPublicMessageOnly(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of());
    for (ErrorKind kind : ErrorKind.values()) {
      HttpResponse<Buffer> r = g.get("/kind/" + kind.name());
      assertThat(r.statusCode()).as("%s", kind).isEqualTo(kind.status());
      assertThat(r.bodyAsString()).as("%s", kind).isEqualTo(kind.publicMessage());
      assertThat(r.getHeader("Content-Type")).isEqualTo("text/plain");
      assertThat(r.getHeader("Cache-Control")).as("%s", kind).isNull();
      assertThat(r.getHeader("Server")).isEqualTo("imgproxy");
      assertThat(r.getHeader("X-Request-ID")).isNotNull();
      assertThat(r.getHeader("Content-Security-Policy")).isNotNull();
    }
  }

  @Test
  void aDefectIs500WithoutItsDetail(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of());
    HttpResponse<Buffer> r = g.get("/boom");
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.bodyAsString()).isEqualTo("Internal error");
    assertThat(r.getHeader("Cache-Control")).isNull();
  }

  @Test
  void workerFailuresKeepTheirStatus(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of());
    HttpResponse<Buffer> r = g.get("/x/plain/fail.png");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.bodyAsString()).isEqualTo("Source is unreachable");
    assertThat(r.getHeader("Cache-Control")).isNull();
    assertThat(r.getHeader("ETag")).isNull();
  }

  @Test
  void developmentModeShowsDetailAndStack(Vertx vertx) {
    GatewayHarness g =
        GatewayHarness.start(vertx, Map.of("IMGPROXY_DEVELOPMENT_ERRORS_MODE", "true"));
    HttpResponse<Buffer> plain = g.get("/boom");
    assertThat(plain.statusCode()).isEqualTo(500);
    assertThat(plain.getHeader("Content-Type")).isEqualTo("text/plain");
    assertThat(plain.bodyAsString()).contains("secret-defect-detail").contains("\n\n").contains("at ");
    HttpResponse<Buffer> html = g.get("/kind/INVALID_URL", "Accept", "text/html,*/*");
    assertThat(html.statusCode()).isEqualTo(404);
    assertThat(html.getHeader("Content-Type")).isEqualTo("text/html");
    assertThat(html.bodyAsString()).contains("<h1>secret-detail-INVALID_URL</h1>");
  }
}
