package io.imgrid.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.ResultMessage;
import io.imgrid.shared.config.ServerConfig.Headers;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResponseHeadersTest {
  static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  static final Headers DEFAULTS = Headers.DEFAULT;

  private static Headers with(int ttl, boolean passthrough) {
    return new Headers(ttl, passthrough, true, null, true, null, false, false);
  }

  private static String cc(long expires, String originCc, String originExpires, Headers s) {
    return ResponseHeaders.cacheControl(200, expires, 0, originCc, originExpires, s, NOW);
  }

  @Test
  void cacheControlDefaultsToTtl() {
    assertThat(cc(0, null, null, DEFAULTS)).isEqualTo("max-age=31536000, public");
  }

  @Test
  void cacheControlIsNoCacheWhenTtlIsZero() {
    assertThat(cc(0, null, null, with(0, false))).isEqualTo("no-cache");
  }

  @Test
  void expiresOptionGivesTheSmallerOfTtlAndSecondsLeft() {
    long in100s = NOW.getEpochSecond() + 100;
    assertThat(cc(in100s, "max-age=5", null, with(3600, true))).isEqualTo("max-age=100, public");
    assertThat(cc(in100s, null, null, with(60, false))).isEqualTo("max-age=60, public");
  }

  @Test
  void fallbackTtlIsAnExplicitMaxAge() {
    assertThat(ResponseHeaders.cacheControl(200, 0, 30, "max-age=5", null, with(3600, true), NOW))
        .isEqualTo("max-age=30, public");
  }

  @Test
  void errorsGetNoCacheControlUnlessExplicit() {
    assertThat(ResponseHeaders.cacheControl(404, 0, 0, null, null, DEFAULTS, NOW)).isNull();
    assertThat(ResponseHeaders.cacheControl(500, 0, 0, "max-age=9", null, with(60, true), NOW))
        .isNull();
    assertThat(ResponseHeaders.cacheControl(404, 0, 30, null, null, DEFAULTS, NOW))
        .isEqualTo("max-age=30, public");
  }

  @Test
  void passthroughUsesOriginCacheControlVerbatimThenOriginExpires() {
    assertThat(cc(0, "private, max-age=7", "Sat, 01 Jun 2024 00:01:40 GMT", with(60, true)))
        .isEqualTo("private, max-age=7");
    assertThat(cc(0, null, "Sat, 01 Jun 2024 00:01:40 GMT", with(60, true)))
        .isEqualTo("max-age=100, public");
  }

  @Test
  void passthroughFallsBackToTtlForPastOrBadExpires() {
    assertThat(cc(0, null, "Fri, 31 May 2024 00:00:00 GMT", with(60, true)))
        .isEqualTo("max-age=60, public");
    assertThat(cc(0, null, "tomorrow", with(60, true))).isEqualTo("max-age=60, public");
    assertThat(cc(0, "max-age=7", null, with(60, false))).isEqualTo("max-age=60, public");
  }

  @Test
  void contentDispositionStemFromUrlFilenameOrImage() {
    assertThat(ResponseHeaders.contentDisposition("https://x.com/a/pic.jpg", null, "webp", false))
        .isEqualTo("inline; filename=\"pic.webp\"");
    assertThat(ResponseHeaders.contentDisposition("https://x.com/a/pic.jpg", "my\"name", "png", true))
        .isEqualTo("attachment; filename=\"my%22name.png\"");
    assertThat(ResponseHeaders.contentDisposition("https://x.com/a/", null, "png", false))
        .isEqualTo("inline; filename=\"image.png\"");
    assertThat(ResponseHeaders.contentDisposition("https://x.com/a/noext", null, null, false))
        .isEqualTo("inline; filename=\"noext\"");
    assertThat(ResponseHeaders.contentDisposition("https://x.com/a/pic.jpg", null, null, false))
        .isEqualTo("inline; filename=\"pic.jpg\"");
  }

  @Test
  void contentDispositionSplitsTheWholeUrlAsImgproxyDoes() {
    assertThat(ResponseHeaders.contentDisposition("https://x.com/img?id=1.5", null, "png", false))
        .isEqualTo("inline; filename=\"img?id=1.png\"");
  }

  @Test
  void etagPassesThroughOrIsBusted() {
    assertThat(ResponseHeaders.etag("\"abc\"", DEFAULTS)).isEqualTo("\"abc\"");
    Headers busted = new Headers(60, false, true, "v2", true, null, false, false);
    assertThat(ResponseHeaders.etag("\"abc\"", busted)).isEqualTo("\"v2/ImFiYyI\"");
    Headers off = new Headers(60, false, false, null, true, null, false, false);
    assertThat(ResponseHeaders.etag("\"abc\"", off)).isNull();
    assertThat(ResponseHeaders.etag(null, DEFAULTS)).isNull();
  }

  @Test
  void bustedEtagDecodesBackForTheOrigin() {
    Headers busted = new Headers(60, false, true, "v2", true, null, false, false);
    assertThat(ConditionalRequest.forOrigin("\"v2/ImFiYyI\"", null, busted).ifNoneMatch())
        .isEqualTo("\"abc\"");
    assertThat(ConditionalRequest.forOrigin("W/\"v2/ImFiYyI\"", "x", busted).ifNoneMatch())
        .isEqualTo("\"abc\"");
    assertThat(ConditionalRequest.forOrigin("\"v1/ImFiYyI\"", "Sat, 01 Jun 2024 00:00:00 GMT", busted))
        .isEqualTo(ConditionalRequest.NONE);
    assertThat(ConditionalRequest.forOrigin("\"x\"", "y", DEFAULTS))
        .isEqualTo(new ConditionalRequest("\"x\"", "y"));
  }

  @Test
  void ifModifiedSinceNotNewerThanTheBusterIsDropped() {
    Headers lmb =
        new Headers(60, false, true, null, true, Instant.parse("2024-01-01T00:00:00Z"), false, false);
    assertThat(ConditionalRequest.forOrigin(null, "Sun, 31 Dec 2023 00:00:00 GMT", lmb).ifModifiedSince())
        .isNull();
    assertThat(ConditionalRequest.forOrigin(null, "Tue, 02 Jan 2024 00:00:00 GMT", lmb).ifModifiedSince())
        .isEqualTo("Tue, 02 Jan 2024 00:00:00 GMT");
  }

  @Test
  void lastModifiedIsRaisedToTheBuster() {
    Headers lmb =
        new Headers(60, false, true, null, true, Instant.parse("2024-01-01T00:00:00Z"), false, false);
    assertThat(ResponseHeaders.lastModified("Sun, 31 Dec 2023 00:00:00 GMT", lmb))
        .isEqualTo("Mon, 01 Jan 2024 00:00:00 GMT");
    assertThat(ResponseHeaders.lastModified("Tue, 2 Jan 2024 00:00:00 GMT", lmb))
        .isEqualTo("Tue, 2 Jan 2024 00:00:00 GMT");
    assertThat(ResponseHeaders.lastModified("garbage", DEFAULTS)).isNull();
  }

  private static JobRequest request(boolean varyAccept) {
    JobMessage job =
        new JobMessage("id", "00", "https://x.com/p/cat.jpg", "", true, false, false, null, null, 0);
    return new JobRequest(job, 0, null, false, false, varyAccept);
  }

  @Test
  void fullResultHeaders() {
    ResultMessage result =
        new ResultMessage(
            200, "image/webp", new byte[] {1, 2, 3}, 10, 20, 100, 200, "\"o\"",
            "Sat, 01 Jun 2024 00:00:00 GMT", null, null, 999);
    Headers debug = new Headers(60, false, true, null, true, null, true, true);
    Map<String, String> h = ResponseHeaders.forResult(request(true), result, debug, NOW);
    assertThat(h)
        .containsEntry("Content-Type", "image/webp")
        .containsEntry("Content-Length", "3")
        .containsEntry("Content-Disposition", "inline; filename=\"cat.webp\"")
        .containsEntry("Cache-Control", "max-age=60, public")
        .containsEntry("Vary", "Accept")
        .containsEntry("ETag", "\"o\"")
        .containsEntry("Last-Modified", "Sat, 01 Jun 2024 00:00:00 GMT")
        .containsEntry("Link", "<https://x.com/p/cat.jpg>; rel=\"canonical\"")
        .containsEntry("X-Origin-Width", "100")
        .containsEntry("X-Result-Height", "20")
        .containsEntry("X-Origin-Content-Length", "999")
        .doesNotContainKey("Expires");
  }

  @Test
  void notModifiedCarriesOnlyCachingAndValidators() {
    ResultMessage result =
        ResultMessage.notModified("\"o\"", "Sat, 01 Jun 2024 00:00:00 GMT", null, null);
    Map<String, String> h = ResponseHeaders.forResult(request(true), result, DEFAULTS, NOW);
    assertThat(h.keySet()).containsExactlyInAnyOrder("Cache-Control", "Vary", "ETag", "Last-Modified");
    Map<String, String> noVary = ResponseHeaders.forResult(request(false), result, DEFAULTS, NOW);
    assertThat(noVary).doesNotContainKey("Vary");
  }
}
