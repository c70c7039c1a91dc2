package io.imgrid.app.e2e;

import static io.imgrid.app.e2e.E2eNode.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every row of the contract's §5.3 status table, end to end (429, 503 and 499 are in {@link
 * LoadAndLifecycleTest}). Error bodies are the public message, as {@code text/plain}, and carry
 * no Cache-Control.
 */
class StatusTableTest {
  static Origin origin;
  static E2eNode node;

  @BeforeAll
  static void start() {
    origin = new Origin();
    node =
        E2eNode.start(
            Map.of(
                "IMGPROXY_DOWNLOAD_TIMEOUT", "1",
                "IMGPROXY_MAX_SRC_RESOLUTION", "1",
                "IMGPROXY_MAX_SRC_FILE_SIZE", "1000000",
                "IMGPROXY_MAX_REDIRECTS", "3"));
  }

  @AfterAll
  static void stop() {
    node.close();
    origin.close();
  }

  static void assertAnswer(HttpResponse<byte[]> r, int status, String message) {
    assertThat(r.statusCode()).as(message).isEqualTo(status);
    assertThat(body(r)).isEqualTo(message);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain");
    assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
  }

  private static HttpResponse<byte[]> plain(String source) {
    return node.get("/unsafe/rs:fit:50/plain/" + source);
  }

  @Test
  void missingOrWrongSecretAndBadSignatureAre403Forbidden() {
    try (E2eNode strict =
        E2eNode.start(
            Map.of(
                "IMGPROXY_SECRET", "s3cret",
                "IMGPROXY_KEY", Signing.hex("k"),
                "IMGPROXY_SALT", Signing.hex("s")))) {
      String path = "/rs:fit:5/plain/local:///test1.png";
      assertAnswer(strict.get("/" + Signing.sign("k", "s", path) + path), 403, "Forbidden");
      assertAnswer(strict.get("/bad" + path, "Authorization", "Bearer s3cret"), 403, "Forbidden");
      assertAnswer(strict.get("/unsafe" + path, "Authorization", "Bearer s3cret"), 403, "Forbidden");
      assertThat(
              strict.get("/" + Signing.sign("k", "s", path) + path, "Authorization", "Bearer s3cret")
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aColonInTheSignatureWhileSigningIsOffIs403() {
    HttpResponse<byte[]> r = node.get("/rs:fit:5/plain/local:///test1.png");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(body(r)).startsWith("The signature appears to be a processing option");
  }

  @Test
  void aSecurityOptionThatIsNotAllowedIs403InvalidUrl() {
    assertAnswer(node.get("/unsafe/mrd:10/plain/local:///test1.png"), 403, "Invalid URL");
  }

  @Test
  void everyBadPathIs404InvalidUrl() {
    for (String path :
        List.of(
            "/unsafe/nope:1/plain/local:///test1.png",
            "/unsafe/rs:fill:-5/plain/local:///test1.png",
            "/unsafe/rs:fit:5/!!!notbase64",
            "/unsafe/rs:fit:5/plain/local:///test1.png@png@jpg",
            "/unsafe/rs:fit:5/bG9jYWw6Ly8vdGVzdDEucG5n.png.jpg",
            "/unsafe/pr:nope/plain/local:///test1.png",
            "/unsafe/exp:1/plain/local:///test1.png",
            "/unsafe/fill/5/5/plain/local:///test1.png",
            "/unsafe/rs:fit:5/plain/")) {
      assertAnswer(node.get(path), 404, "Invalid URL");
    }
  }

  @Test
  void aSourceOutsideTheAllowedOnesOrOnLoopbackIs404InvalidSourceUrl() {
    try (E2eNode allowed =
        E2eNode.start(
            Map.of(
                "IMGPROXY_ALLOWED_SOURCES", "local:///,http://127.0.0.1:",
                "IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "false"))) {
      assertAnswer(allowed.get("/unsafe/plain/http://example.com/x.jpg"), 404, "Invalid source URL");
      assertAnswer(allowed.get("/unsafe/plain/" + origin.url("/img/photo.jpg")), 404, "Invalid source URL");
      assertThat(allowed.get("/unsafe/rs:fit:5/plain/local:///test1.png").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void anUnknownSchemeIs404SourceIsUnreachable() {
    assertAnswer(plain("s3://bucket/key.jpg"), 404, "Source is unreachable");
  }

  @Test
  void anOrigin4xxIsMirroredAnd5xxIs502() {
    for (int status : new int[] {400, 403, 404, 410, 418}) {
      assertAnswer(plain(origin.url("/status/" + status)), status, "Source is unreachable");
    }
    for (int status : new int[] {500, 502, 503, 504}) {
      assertAnswer(plain(origin.url("/status/" + status)), 502, "Source is unreachable");
    }
  }

  @Test
  void otherStatusesTooManyRedirectsAndConnectionErrorsAre404() throws IOException {
    assertAnswer(plain(origin.url("/status/301")), 404, "Source is unreachable");
    assertAnswer(plain(origin.url("/status/204")), 404, "Source is unreachable");
    assertAnswer(plain(origin.url("/loop")), 404, "Source is unreachable");
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertAnswer(plain("http://127.0.0.1:" + closedPort + "/x.jpg"), 404, "Source is unreachable");
  }

  @Test
  void theDownloadTimeoutIs504() {
    assertAnswer(plain(origin.url("/slow.jpg")), 504, "Source is unreachable");
  }

  @Test
  void aTruncatedBodyIs422Incomplete() {
    assertAnswer(plain(origin.url("/short.jpg")), 422, "Source response is incomplete");
  }

  @Test
  void aSourceOverTheSizeLimitIs422InvalidSourceImage() {
    assertAnswer(plain(origin.url("/huge.jpg")), 422, "Invalid source image");
    assertAnswer(plain(origin.url("/endless.jpg")), 422, "Invalid source image");
  }

  @Test
  void aSourceOverTheResolutionLimitIs422InvalidSourceImage() {
    assertAnswer(plain("local:///big.jpg"), 422, "Invalid source image");
    assertThat(plain("local:///photo.jpg").statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownSourceFormatIs422() {
    HttpResponse<byte[]> r = plain(origin.url("/html.jpg"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(body(r)).isIn("Invalid source image", "Broken or unsupported image");
  }

  @Test
  void svgFromARasterSourceIs422InvalidUrl() {
    assertAnswer(node.get("/unsafe/plain/local:///test1.png@svg"), 422, "Invalid URL");
  }

  @Test
  void aLibvipsDecodeErrorIs422Broken() {
    assertAnswer(plain("local:///broken.jpg"), 422, "Broken or unsupported image");
  }

  @Test
  void anSvgWithAnExternalEntityIs422() {
    HttpResponse<byte[]> r = node.get("/unsafe/rs:fit:5/plain/local:///xxe.svg@png");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(body(r)).doesNotContain("root:");
  }
}
