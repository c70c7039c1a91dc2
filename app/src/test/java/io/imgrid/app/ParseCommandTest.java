package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParseCommandTest {
  private static final Map<String, String> SIGNED =
      Map.of("IMGPROXY_KEY", "736563726574", "IMGPROXY_SALT", "68656C6C6F");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int parse(Map<String, String> env, String path) {
    return ParseCommand.run(
        new String[] {path},
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private JsonObject json() {
    return new JsonObject(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsOptionsSourceAndKeyForTheDocsSigningVector() {
    int rc =
        parse(
            SIGNED,
            "/oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8/rs:fill:300:400:0/g:sm/"
                + "aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png");

    assertThat(rc).isZero();
    JsonObject json = json();
    assertThat(json.getString("source")).isEqualTo("http://example.com/images/curiosity.jpg");
    assertThat(json.getJsonObject("options").getString("rt")).isEqualTo("fill");
    assertThat(json.getJsonObject("options").getString("w")).isEqualTo("300");
    assertThat(json.getJsonObject("options").getString("f")).isEqualTo("png");
    assertThat(json.getString("job_key")).hasSize(64);
  }

  @Test
  void printsStatusAndPublicMessageForABadSignature() {
    int rc = parse(SIGNED, "/unsafe/rs:fill:300:200/plain/http://example.com/a.jpg@webp");

    assertThat(rc).isEqualTo(1);
    assertThat(json().getInteger("status")).isEqualTo(403);
    assertThat(json().getString("message")).isEqualTo("Forbidden");
  }

  @Test
  void aliasesAndOptionOrderShareTheJobKey() {
    parse(Map.of(), "/unsafe/rs:fill:300:200/q:70/plain/http://example.com/a.jpg");
    String first = json().getString("job_key");
    out.reset();
    parse(Map.of(), "/x/quality:70/resize:fill:300:200/plain/http://example.com/a.jpg");

    assertThat(json().getString("job_key")).isEqualTo(first);
  }

  @Test
  void refusesBadSettingsWithEveryProblemListed() {
    int rc =
        Main.run(
            new String[] {"parse", "/unsafe/plain/http://x/a.jpg"},
            Map.of("IMGPROXY_QUALITY", "abc", "IMGPROXY_WORKERS", "-3"));

    assertThat(rc).isEqualTo(Main.EXIT_CONFIG);
  }
}
