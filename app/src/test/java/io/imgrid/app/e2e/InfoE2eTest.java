package io.imgrid.app.e2e;

import static io.imgrid.app.e2e.E2eNode.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** imgproxy Pro's /info through a standalone node: signing, JSON, validators, refusals. */
class InfoE2eTest {
  private static final String KEY = "secret";
  private static final String SALT = "hello";
  static Origin origin;
  static E2eNode node;

  @BeforeAll
  static void start() {
    origin = new Origin();
    node = E2eNode.start(Map.of("IMGPROXY_KEY", Signing.hex(KEY), "IMGPROXY_SALT",
        Signing.hex(SALT), "IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "true"));
  }

  @AfterAll
  static void stop() {
    node.close();
    origin.close();
  }

  private static String signed(String path) {
    return "/info/" + Signing.sign(KEY, SALT, path) + path;
  }

  private static JsonObject json(HttpResponse<byte[]> r) {
    return new JsonObject(body(r));
  }

  @Test
  void answersJsonWithTheOriginsValidatorsAnd304() {
    String path = signed("/avg:1/bh:4:3/th:1/plain/" + origin.url("/img/photo.jpg"));
    HttpResponse<byte[]> r = node.get(path);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
    assertThat(r.headers().firstValue("Vary")).isEmpty();
    assertThat(r.headers().firstValue("ETag")).hasValue(Origin.ETAG);
    assertThat(r.headers().firstValue("Last-Modified")).hasValue(Origin.LAST_MODIFIED);
    JsonObject j = json(r);
    assertThat(j.getString("format")).isEqualTo("jpeg");
    assertThat(j.getInteger("width")).isEqualTo(640);
    assertThat(j.getInteger("height")).isEqualTo(480);
    assertThat(j.getInteger("size")).isEqualTo(origin.photo.length);
    assertThat(j.getString("blurhash")).hasSize(28);
    assertThat(j.getJsonObject("average").getInteger("A")).isEqualTo(255);
    assertThat(j.getString("thumbhash")).isNotEmpty();
    HttpResponse<byte[]> nm = node.get(path, "If-None-Match", Origin.ETAG);
    assertThat(nm.statusCode()).isEqualTo(304);
    assertThat(nm.body()).isEmpty();
  }

  @Test
  void base64SourcesAndLocalFilesWork() {
    HttpResponse<byte[]> r = node.get(signed("/d:1/" + Signing.b64("local:///photo.jpg")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).getInteger("width")).isEqualTo(800);
  }

  @Test
  void refusalsAnswerAsProcessingDoes() {
    String photo = origin.url("/img/photo.jpg");
    assertThat(node.get("/info/wrong/plain/" + photo).statusCode()).isEqualTo(403);
    assertThat(node.get(signed("/nope:1/plain/" + photo)).statusCode()).isEqualTo(404);
    assertThat(node.get(signed("/do:1/plain/" + photo)).statusCode()).isEqualTo(404);
    assertThat(node.get(signed("/plain/" + origin.url("/missing.jpg"))).statusCode())
        .isEqualTo(404);
    HttpResponse<byte[]> html = node.get(signed("/plain/" + origin.url("/html.jpg")));
    assertThat(html.statusCode()).isEqualTo(422);
    HttpResponse<byte[]> broken = node.get(signed("/avg:1/plain/local:///broken.jpg"));
    assertThat(broken.statusCode()).isEqualTo(422);
    assertThat(body(broken)).doesNotContain("Exception").doesNotContain("vips");
  }
}
