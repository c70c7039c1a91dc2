package io.imgrid.app.e2e;

import static io.imgrid.app.e2e.E2eNode.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Response headers (contract §5.2) and the small routes (§5.1), end to end. */
class ResponseHeadersE2eTest {
  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
  static Origin origin;
  static E2eNode node;

  @BeforeAll
  static void start() {
    origin = new Origin();
    node = E2eNode.start(Map.of("IMGPROXY_AUTO_WEBP", "true"));
  }

  @AfterAll
  static void stop() {
    node.close();
    origin.close();
  }

  @Test
  void aProcessedImageCarriesImgproxysHeaders() {
    HttpResponse<byte[]> r = node.get("/unsafe/rs:fill:400:300/plain/local:///photo.jpg");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(r.headers().firstValue("Content-Length")).hasValue(Integer.toString(r.body().length));
    assertThat(r.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"photo.jpg\"");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public");
    assertThat(r.headers().firstValue("Vary")).hasValue("Accept");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
    assertThat(r.headers().firstValue("Server")).hasValue("imgproxy");
    assertThat(r.headers().firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).hasSize(21));
    assertThat(r.headers().firstValue("Expires")).isEmpty();
    TestImages.Info info = TestImages.info(r.body(), ImageFormat.JPEG);
    assertThat(info.width()).isEqualTo(400);
    assertThat(info.height()).isEqualTo(300);
  }

  @Test
  void negotiationFollowsAcceptAndAnExplicitFormatDropsVary() {
    HttpResponse<byte[]> webp =
        node.get("/unsafe/rs:fit:100/plain/local:///photo.jpg", "Accept", "image/webp,*/*");
    assertThat(webp.headers().firstValue("Content-Type")).hasValue("image/webp");
    assertThat(webp.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"photo.webp\"");
    HttpResponse<byte[]> png = node.get("/unsafe/rs:fit:100/plain/local:///photo.jpg@png");
    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
  }

  @Test
  void filenameAttachmentAndExpiresShapeTheHeaders() {
    long expires = System.currentTimeMillis() / 1000 + 120;
    HttpResponse<byte[]> r =
        node.get("/unsafe/fn:my_pic/att:1/exp:" + expires + "/rs:fit:50/plain/local:///photo.jpg@png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"my_pic.png\"");
    String cc = r.headers().firstValue("Cache-Control").orElseThrow();
    assertThat(cc).matches("max-age=1[012][0-9], public");
  }

  @Test
  void originValidatorsPassThroughAndA304HasOnlyCachingHeaders() {
    String path = "/unsafe/rs:fit:50/plain/" + origin.url("/img/photo.jpg");
    HttpResponse<byte[]> r = node.get(path);
    assertThat(r.headers().firstValue("ETag")).hasValue(Origin.ETAG);
    assertThat(r.headers().firstValue("Last-Modified")).hasValue(Origin.LAST_MODIFIED);
    HttpResponse<byte[]> nm = node.get(path, "If-None-Match", Origin.ETAG);
    assertThat(nm.statusCode()).isEqualTo(304);
    assertThat(nm.headers().firstValue("ETag")).hasValue(Origin.ETAG);
    assertThat(nm.headers().firstValue("Last-Modified")).hasValue(Origin.LAST_MODIFIED);
    assertThat(nm.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public");
    assertThat(nm.headers().firstValue("Content-Disposition")).isEmpty();
    assertThat(nm.headers().firstValue("Content-Type")).isEmpty();
  }

  @Test
  void theRequestIdIsEchoedWhenWellFormed() {
    HttpResponse<byte[]> r = node.get("/unsafe/rs:fit:5/plain/local:///test1.png", "X-Request-ID", "abc-123_x");
    assertThat(r.headers().firstValue("X-Request-ID")).hasValue("abc-123_x");
    HttpResponse<byte[]> bad = node.get("/unsafe/rs:fit:5/plain/local:///test1.png", "X-Request-ID", "a b");
    assertThat(bad.headers().firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).isNotEqualTo("a b"));
  }

  @Test
  void errorsCarryNoCachingHeadersButTheCommonOnes() {
    HttpResponse<byte[]> r = node.get("/unsafe/rs:fit:5/plain/local:///missing.png");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
    assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
    assertThat(r.headers().firstValue("Vary")).isEmpty();
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
    assertThat(r.headers().firstValue("X-Request-ID")).isPresent();
  }

  @Test
  void headAndOptionsAre200WithoutProcessing() {
    int before = origin.hits.get();
    HttpResponse<byte[]> head = node.send("HEAD", "/unsafe/rs:fit:5/plain/" + origin.url("/img/photo.jpg"));
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(node.send("OPTIONS", "/unsafe/rs:fit:5/plain/local:///test1.png").statusCode()).isEqualTo(200);
    assertThat(origin.hits.get()).isEqualTo(before);
  }

  @Test
  void healthLandingAndNotFoundRoutes() {
    HttpResponse<byte[]> health = node.get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(body(health)).isEqualTo("imgproxy is running");
    assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-cache");
    HttpResponse<byte[]> landing = node.get("/");
    assertThat(landing.statusCode()).isEqualTo(200);
    assertThat(landing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(node.get("/favicon.ico").statusCode()).isEqualTo(404);
    assertThat(node.get("/.well-known/security.txt").statusCode()).isEqualTo(404);
    assertThat(node.send("POST", "/unsafe/plain/local:///test1.png").statusCode()).isEqualTo(404);
  }
}
