package io.imgrid.app.e2e;

import static io.imgrid.app.e2e.E2eNode.body;
import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.fetch.HostResolver;
import io.imgrid.shared.format.ImageFormat;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * security-and-faults.md §6, cases 1–24, each against a real standalone node and a real origin.
 * Rules checked throughout: the status, the public body (never an internal detail), and for the
 * SSRF cases that the origin saw no connection at all.
 */
class SecurityCasesTest {
  static final String K1 = "key-one";
  static final String S1 = "salt-one";
  static final String K2 = "key-two";
  static final String S2 = "salt-two";

  static Origin origin;
  /** Loopback allowed (the origin is on 127.0.0.1), 1 s download timeout, 1 MB source cap. */
  static E2eNode open;
  /** Loopback, link-local and private sources denied. */
  static E2eNode guarded;

  @BeforeAll
  static void start() {
    origin = new Origin();
    open =
        E2eNode.start(
            Map.of(
                "IMGPROXY_DOWNLOAD_TIMEOUT", "1",
                "IMGPROXY_TIMEOUT", "6",
                "IMGPROXY_MAX_SRC_FILE_SIZE", "1000000"));
    guarded =
        E2eNode.start(
            Map.of(
                "IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "false",
                "IMGPROXY_ALLOW_PRIVATE_SOURCE_ADDRESSES", "false"));
  }

  @AfterAll
  static void stop() {
    open.close();
    guarded.close();
    origin.close();
  }

  private static void assertRefused(HttpResponse<byte[]> r, int status, String body) {
    assertThat(r.statusCode()).as(body).isEqualTo(status);
    assertThat(body(r)).isEqualTo(body);
    assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
  }

  // --- URL and authentication ---

  @Test
  void case01_badOrMissingSignatureIs403() {
    try (E2eNode signed =
        E2eNode.start(Map.of("IMGPROXY_KEY", Signing.hex(K1), "IMGPROXY_SALT", Signing.hex(S1)))) {
      String path = "/rs:fill:4:4/plain/local:///test1.png";
      String good = Signing.sign(K1, S1, path);
      assertThat(signed.get("/" + good + path).statusCode()).isEqualTo(200);
      assertRefused(signed.get(path), 403, "Forbidden");
      assertRefused(signed.get("/" + good.substring(0, 20) + path), 403, "Forbidden");
      String other = Signing.sign(K1, S1, "/rs:fill:5:5/plain/local:///test1.png");
      assertRefused(signed.get("/" + other + path), 403, "Forbidden");
      assertRefused(signed.get("/unsafe/" + good + path), 403, "Forbidden");
    }
  }

  @Test
  void case02_aRotatedKeyPairStillSigns() {
    try (E2eNode signed =
        E2eNode.start(
            Map.of(
                "IMGPROXY_KEY", Signing.hex(K1) + "," + Signing.hex(K2),
                "IMGPROXY_SALT", Signing.hex(S1) + "," + Signing.hex(S2)))) {
      String path = "/rs:fit:8:8/plain/local:///test1.png";
      assertThat(signed.get("/" + Signing.sign(K2, S2, path) + path).statusCode()).isEqualTo(200);
      assertThat(signed.get("/" + Signing.sign(K1, S1, path) + path).statusCode()).isEqualTo(200);
      assertRefused(signed.get("/" + Signing.sign(K1, S2, path) + path), 403, "Forbidden");
    }
  }

  @Test
  void case03_secretWithoutTheRightBearerIs403() {
    try (E2eNode secret = E2eNode.start(Map.of("IMGPROXY_SECRET", "s3cret"))) {
      String path = "/unsafe/rs:fit:8:8/plain/local:///test1.png";
      assertRefused(secret.get(path), 403, "Forbidden");
      assertRefused(secret.get(path, "Authorization", "Bearer wrong"), 403, "Forbidden");
      assertThat(secret.get(path, "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void case04_unknownOptionBadArgumentOrGarbagePathIs404() {
    assertRefused(open.get("/unsafe/nope:1/plain/local:///test1.png"), 404, "Invalid URL");
    assertRefused(open.get("/unsafe/rs:fill:abc/plain/local:///test1.png"), 404, "Invalid URL");
    assertRefused(open.get("/unsafe/rs%3Afill%3Aabc/plain/local:///test1.png"), 404, "Invalid URL");
    for (String garbage : List.of("/.git/config", "/_/a/Zm9v", "/unsafe/", "/unsafe/fill/300/400/plain/local:///test1.png")) {
      HttpResponse<byte[]> r = open.get(garbage);
      assertThat(r.statusCode()).as(garbage).isEqualTo(404);
      assertThat(body(r)).as(garbage).isIn("Invalid URL", "Invalid source URL", "Source is unreachable");
    }
  }

  @Test
  void case05_securityOptionWhileNotAllowedIs403() {
    assertRefused(
        open.get("/unsafe/max_src_resolution:999/plain/local:///test1.png"), 403, "Invalid URL");
  }

  @Test
  void case06_base64Sources() {
    String url = origin.url("/img/photo.jpg");
    assertRefused(open.get("/unsafe/rs:fit:10/aHR0c!!!Ly8.jpg"), 404, "Invalid URL");
    String b64 = Signing.b64(url);
    StringBuilder split = new StringBuilder();
    for (int i = 0; i < b64.length(); i += 16) {
      split.append('/').append(b64, i, Math.min(b64.length(), i + 16));
    }
    assertThat(open.get("/unsafe/rs:fit:10" + split + ".png").statusCode()).isEqualTo(200);
    try (E2eNode seo = E2eNode.start(Map.of("IMGPROXY_BASE64_URL_INCLUDES_FILENAME", "true"))) {
      HttpResponse<byte[]> r = seo.get("/unsafe/rs:fit:10/" + b64 + ".png/puppy.jpg");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    }
  }

  @Test
  void case07_plainSourcesAreDecodedOnce() {
    assertThat(open.get("/unsafe/rs:fit:10/plain/" + origin.url("/q/photo.jpg%3Fv%3D1")).statusCode())
        .isEqualTo(200);
    assertThat(open.get("/unsafe/rs:fit:10/plain/" + origin.url("/img/a%40b.jpg")).statusCode())
        .isEqualTo(200);
    // a raw '@' starts the extension: "b.jpg" is no format
    assertRefused(open.get("/unsafe/rs:fit:10/plain/" + origin.url("/img/a@b.jpg")), 404, "Invalid URL");
    // the client's own query string is not part of the source
    assertThat(open.get("/unsafe/rs:fit:10/plain/" + origin.url("/q/photo.jpg") + "?v=1").statusCode())
        .isEqualTo(404);
  }

  // --- SSRF and network ---

  private static void assertNoConnection(E2eNode node, List<String> hosts) {
    int before = origin.hits.get();
    for (String host : hosts) {
      HttpResponse<byte[]> r =
          node.get("/unsafe/rs:fit:10/plain/http://" + brackets(host) + ":" + origin.port() + "/img/photo.jpg");
      assertThat(r.statusCode()).as(host).isEqualTo(404);
      assertThat(body(r)).as(host).isIn("Invalid source URL", "Source is unreachable");
    }
    assertThat(origin.hits.get()).isEqualTo(before);
  }

  /** IPv6 literals percent-encoded, as a client must send them in a path (decoded once). */
  private static String brackets(String s) {
    return s.replace("[", "%5B").replace("]", "%5D");
  }

  @Test
  void case08_loopbackSourcesAreRefusedWithoutConnecting() {
    assertNoConnection(
        guarded,
        List.of("127.0.0.1", "127.1", "0.0.0.0", "[::1]", "[::ffff:127.0.0.1]", "[::127.0.0.1]", "2130706433"));
    HttpResponse<byte[]> r = guarded.get("/unsafe/plain/" + origin.url("/img/photo.jpg"));
    assertRefused(r, 404, "Invalid source URL");
  }

  @Test
  void case09_linkLocalAndMetadataAreRefused() {
    for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://[fe80::1]/x.jpg")) {
      assertRefused(guarded.get("/unsafe/plain/" + brackets(url)), 404, "Invalid source URL");
      assertRefused(open.get("/unsafe/plain/" + brackets(url)), 404, "Invalid source URL");
    }
  }

  @Test
  void case10_privateCgnatAndEmbeddedIpv4AreRefusedWhenPrivateIsDenied() {
    for (String host : List.of("10.0.0.1", "100.64.0.1", "[2002:0a00::1]", "[64:ff9b::a00:1]")) {
      assertRefused(
          guarded.get("/unsafe/plain/http://" + brackets(host) + "/x.jpg"), 404, "Invalid source URL");
    }
  }

  @Test
  void case11_allowedSourcesPrefixCannotBeBypassed() {
    try (E2eNode allowed = E2eNode.start(Map.of("IMGPROXY_ALLOWED_SOURCES", "http://allowed.com/"))) {
      for (String url : List.of("http://allowed.com%40evil.com/x.jpg", "http://allowed.com.evil.com/x.jpg")) {
        assertRefused(allowed.get("/unsafe/plain/" + url), 404, "Invalid source URL");
      }
    }
  }

  @Test
  void case12_aRedirectToAnInternalAddressIsBlockedAtConnect() {
    assertRefused(open.get("/unsafe/plain/" + origin.url("/redirect-metadata")), 404, "Invalid source URL");
    assertThat(open.get("/unsafe/rs:fit:10/plain/" + origin.url("/redirect-photo")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void case13_dnsRebindingIsBlockedBecauseTheConnectedAddressIsChecked() throws UnknownHostException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress metadata = InetAddress.getByName("169.254.169.254");
    try (E2eNode node =
        E2eNode.start(
            Map.of(),
            vertx -> {
              HostResolver system = HostResolver.system(vertx);
              return host -> {
                if (host.equals("rebind.test")) {
                  return Future.succeededFuture(List.of(loopback, metadata));
                }
                if (host.equals("good.test")) {
                  return Future.succeededFuture(List.of(loopback));
                }
                return system.resolve(host);
              };
            })) {
      int before = origin.hits.get();
      String path = ":" + origin.port() + "/img/photo.jpg";
      assertRefused(node.get("/unsafe/plain/http://rebind.test" + path), 404, "Invalid source URL");
      assertThat(origin.hits.get()).isEqualTo(before);
      assertThat(node.get("/unsafe/rs:fit:10/plain/http://good.test" + path).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void case14_aRedirectLoopIs404Fast() {
    long t0 = System.nanoTime();
    assertRefused(open.get("/unsafe/plain/" + origin.url("/loop")), 404, "Source is unreachable");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
  }

  @Test
  void case15_nonHttpSchemesAre404() {
    for (String url : List.of("file:///etc/passwd", "gopher://127.0.0.1:70/x", "ftp://127.0.0.1/x.jpg", "jar:file:///x.jar!/a.png", "s3://bucket/key.jpg")) {
      assertRefused(open.get("/unsafe/plain/" + url), 404, "Source is unreachable");
    }
  }

  @Test
  void case16_localTraversalNeverLeavesTheRoot() {
    String sibling = open.localRoot.getFileName() + "-sibling";
    for (String path :
        List.of(
            "local:///../../etc/passwd",
            "local:///%2e%2e/%2e%2e/etc/passwd",
            "local:///%252e%252e/%252e%252e/etc/passwd",
            "local:///..%2f..%2fetc%2fpasswd",
            "local:///../" + sibling + "/x.png")) {
      HttpResponse<byte[]> r = open.get("/unsafe/plain/" + path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(body(r)).as(path).doesNotContain("root:").doesNotContain("/etc");
    }
  }

  // --- source transfer faults ---

  @Test
  void case17_aDripFeedingOriginIs504AtTheDownloadTimeout() {
    long t0 = System.nanoTime();
    assertRefused(open.get("/unsafe/plain/" + origin.url("/slow.jpg")), 504, "Source is unreachable");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isBetween(900L, 4000L);
    assertThat(open.node.jobsRunning()).isZero();
  }

  @Test
  void case18_aBodyThatNeverEndsIsCutAtTheSizeLimit() {
    assertRefused(open.get("/unsafe/plain/" + origin.url("/endless.jpg")), 422, "Invalid source image");
    assertThat(open.node.jobsRunning()).isZero();
  }

  @Test
  void case19_aDeclaredTenGigabytesIsRefusedBeforeTheBody() {
    long t0 = System.nanoTime();
    assertRefused(open.get("/unsafe/plain/" + origin.url("/huge.jpg")), 422, "Invalid source image");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
  }

  @Test
  void case20_aBodyShorterThanItsLengthIsIncomplete() {
    assertRefused(open.get("/unsafe/plain/" + origin.url("/short.jpg")), 422, "Source response is incomplete");
  }

  @Test
  void case21_aGzippedOriginIsDecodedOrRefusedNeverTruncated() {
    HttpResponse<byte[]> r = open.get("/unsafe/rs:fit:100/plain/" + origin.url("/gzip.jpg") + "@png");
    assertThat(r.statusCode()).isIn(200, 422);
    if (r.statusCode() == 200) {
      TestImages.Info info = TestImages.info(r.body(), ImageFormat.PNG);
      assertThat(info.width()).isEqualTo(100);
      assertThat(info.height()).isEqualTo(75);
    }
  }

  @Test
  void case22_originErrorStatusesMapAsImgproxyDoes() {
    assertRefused(open.get("/unsafe/plain/" + origin.url("/status/404")), 404, "Source is unreachable");
    assertRefused(open.get("/unsafe/plain/" + origin.url("/status/403")), 403, "Source is unreachable");
    assertRefused(open.get("/unsafe/plain/" + origin.url("/status/500")), 502, "Source is unreachable");
    assertRefused(open.get("/unsafe/plain/" + origin.url("/status/503")), 502, "Source is unreachable");
  }

  @Test
  void case23_anOrigin304ReachesOnlyTheClientThatAskedForIt() {
    String path = "/unsafe/rs:fit:50/plain/" + origin.url("/img/photo.jpg");
    HttpResponse<byte[]> fresh = open.get(path);
    assertThat(fresh.statusCode()).isEqualTo(200);
    assertThat(fresh.headers().firstValue("ETag")).hasValue(Origin.ETAG);
    HttpResponse<byte[]> conditional = open.get(path, "If-None-Match", Origin.ETAG);
    assertThat(conditional.statusCode()).isEqualTo(304);
    assertThat(conditional.body()).isEmpty();
    assertThat(conditional.headers().firstValue("ETag")).hasValue(Origin.ETAG);
    assertThat(conditional.headers().firstValue("Cache-Control")).isPresent();
    assertThat(open.get(path, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    assertThat(open.get(path, "If-Modified-Since", Origin.LAST_MODIFIED).statusCode()).isEqualTo(304);
    assertThat(open.get(path).statusCode()).isEqualTo(200);
  }

  @Test
  void case24_htmlServedAsAnImageIs422() {
    HttpResponse<byte[]> r = open.get("/unsafe/plain/" + origin.url("/html.jpg"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(body(r)).isIn("Broken or unsupported image", "Invalid source image");
    assertThat(body(r)).doesNotContain("html");
  }
}
