package io.imgrid.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * imgproxy's integration signing vector (contract §2 #9): key {@code test-key}, salt
 * {@code test-salt}, {@code /rs:fill:4:4/plain/local:///test1.png} signed is 200 with a 4×4 PNG;
 * {@code unsafe} and a wrong signature are 403.
 */
class SigningEndToEndTest {
  static final String PATH = "/rs:fill:4:4/plain/local:///test1.png";
  static E2eNode node;

  @BeforeAll
  static void start() {
    node =
        E2eNode.start(
            Map.of(
                "IMGPROXY_KEY", hex("test-key"),
                "IMGPROXY_SALT", hex("test-salt")));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static String hex(String raw) {
    return HexFormat.of().formatHex(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSignedVectorIsServed() {
    HttpResponse<byte[]> r = node.get("/My9d3xq_PYpVHsPrCyww0Kh1w5KZeZhIlWhsa4az1TI" + PATH);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    TestImages.Info info = TestImages.info(r.body(), ImageFormat.PNG);
    assertThat(info.width()).isEqualTo(4);
    assertThat(info.height()).isEqualTo(4);
  }

  @Test
  void unsafeIsForbiddenWhenSigningIsOn() {
    HttpResponse<byte[]> r = node.get("/unsafe" + PATH);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(E2eNode.body(r)).isEqualTo("Forbidden");
  }

  @Test
  void aWrongSignatureIsForbidden() {
    assertThat(node.get("/bad-signature" + PATH).statusCode()).isEqualTo(403);
    assertThat(node.get("/My9d3xq_PYpVHsPrCyww0Kh1w5KZeZhIlWhsa4az1TI/rs:fill:4:5/plain/local:///test1.png").statusCode())
        .isEqualTo(403);
  }
}
