package io.imgrid.app.e2e;

import static io.imgrid.app.e2e.E2eNode.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code raw} streaming, the fallback image, and the Prometheus listener, end to end. */
class StreamingFallbackMetricsTest {
  static Origin origin;
  static E2eNode node;

  @BeforeAll
  static void start() {
    origin = new Origin();
    node = E2eNode.start(Map.of("IMGPROXY_PROMETHEUS_BIND", "127.0.0.1:0", "IMGPROXY_WORKERS", "1"));
  }

  @AfterAll
  static void stop() {
    node.close();
    origin.close();
  }

  @Test
  void rawStreamsTheOriginBytesUnprocessed() {
    HttpResponse<byte[]> r = node.get("/unsafe/raw:1/plain/" + origin.url("/raw.bin"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(origin.rawBytes);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(r.headers().firstValue("Content-Length")).hasValue("10000");
    assertThat(r.headers().firstValue("ETag")).hasValue("\"raw1\"");
    assertThat(r.headers().firstValue("Last-Modified")).hasValue(Origin.LAST_MODIFIED);
    assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(r.headers().firstValue("Content-Disposition")).hasValue("inline; filename=\"raw.bin\"");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public");
  }

  @Test
  void rawPassesRangesAnd304Through() {
    String path = "/unsafe/raw:1/plain/" + origin.url("/raw.bin");
    HttpResponse<byte[]> part = node.get(path, "Range", "bytes=100-199");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(Arrays.copyOfRange(origin.rawBytes, 100, 200));
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/10000");
    HttpResponse<byte[]> same = node.get(path, "If-None-Match", "\"raw1\"");
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
  }

  @Test
  void rawPassesOriginErrorsThroughWithoutDisposition() {
    HttpResponse<byte[]> r = node.get("/unsafe/raw:1/plain/" + origin.url("/status/404"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Disposition")).isEmpty();
    assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
  }

  @Test
  void rawSkipsTheImageChecks() {
    HttpResponse<byte[]> r = node.get("/unsafe/raw:1/plain/" + origin.url("/html.jpg"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(body(r)).contains("Not an image");
  }

  @Test
  void theFallbackImageAnswersDownloadErrorsOnly() {
    byte[] fallback = TestImages.png(40, 20, false);
    try (E2eNode fb =
        E2eNode.start(
            Map.of(
                "IMGPROXY_FALLBACK_IMAGE_DATA", Base64.getEncoder().encodeToString(fallback),
                "IMGPROXY_FALLBACK_IMAGE_TTL", "77"))) {
      HttpResponse<byte[]> r = fb.get("/unsafe/rs:fit:20/plain/" + origin.url("/status/404") + "@png");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("max-age=77, public");
      assertThat(r.headers().firstValue("ETag")).isEmpty();
      TestImages.Info info = TestImages.info(r.body(), ImageFormat.PNG);
      assertThat(info.width()).isEqualTo(20);
      assertThat(info.height()).isEqualTo(10);
      // a broken image is not a download error: no fallback
      assertThat(fb.get("/unsafe/plain/" + origin.url("/html.jpg")).statusCode()).isEqualTo(422);
    }
    try (E2eNode keep =
        E2eNode.start(
            Map.of(
                "IMGPROXY_FALLBACK_IMAGE_DATA", Base64.getEncoder().encodeToString(fallback),
                "IMGPROXY_FALLBACK_IMAGE_HTTP_CODE", "0"))) {
      HttpResponse<byte[]> r = keep.get("/unsafe/plain/" + origin.url("/status/500") + "@png");
      assertThat(r.statusCode()).isEqualTo(502);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
      assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
      assertThat(TestImages.info(r.body(), ImageFormat.PNG).width()).isEqualTo(40);
    }
  }

  @Test
  void metricsAreServedOnTheirOwnListener() {
    assertThat(node.node.metricsPort()).isPositive().isNotEqualTo(node.node.httpPort());
    assertThat(node.get("/unsafe/rs:fit:10/plain/local:///test1.png").statusCode()).isEqualTo(200);
    assertThat(node.get("/unsafe/rs:fit:10/plain/local:///missing.png").statusCode()).isEqualTo(404);
    String text = node.metrics();
    assertThat(text)
        .contains("requests_total")
        .contains("status_codes_total{status=\"200\"}")
        .contains("status_codes_total{status=\"404\"}")
        .contains("errors_total{type=\"download\"}")
        .contains("request_duration_seconds_bucket")
        .contains("request_span_duration_seconds_bucket{span=\"processing_image\"")
        .contains("workers 1.0")
        .contains("requests_in_progress")
        .contains("images_in_progress")
        .contains("workers_utilization")
        .contains("vips_memory_bytes")
        .contains("vips_max_memory_bytes")
        .contains("vips_allocs")
        .contains("vertx_http_server_requests_total");
    assertThat(node.get("/metrics").statusCode()).isNotEqualTo(200);
  }
}
