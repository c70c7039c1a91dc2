package io.imgrid.shared.url;

import static io.imgrid.shared.url.Parsers.parser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.ResizingType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Path split, signing end to end, and every source form of the contract's Appendix. */
class UrlParserTest {
  private static final String CURIOSITY = "http://example.com/images/curiosity.jpg";
  private final UrlParser unsigned = parser();

  static void assertRejected(UrlParser p, String uri, ErrorKind kind) {
    assertThatThrownBy(() -> p.parse(uri))
        .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void docsVector1ParsesSigned() {
    UrlParser p = parser("IMGPROXY_KEY", "736563726574", "IMGPROXY_SALT", "68656C6C6F");
    ParsedUrl u =
        p.parse("/oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8/rs:fill:300:400:0/g:sm/"
            + "aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png");
    assertThat(u.sourceUrl()).isEqualTo(CURIOSITY);
    assertThat(u.options().resizingType()).isEqualTo(ResizingType.FILL);
    assertThat(u.options().width()).isEqualTo(300);
    assertThat(u.options().height()).isEqualTo(400);
    assertThat(u.options().gravity().type()).isEqualTo(GravityType.SMART);
    assertThat(u.options().format()).isEqualTo(ImageFormat.PNG);
    assertThat(u.path()).startsWith("/rs:fill:300:400:0/");
    assertThat(u.signature()).isEqualTo("oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8");
    assertRejected(p, "/oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8/rs:fill:300:400:1/g:sm/"
        + "aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png", ErrorKind.FORBIDDEN);
  }

  @Test
  void vector9WithLocalSourceAndCollapsedSlashes() {
    UrlParser p = parser("IMGPROXY_KEY", "746573742d6b6579", "IMGPROXY_SALT", "746573742d73616c74");
    String sig = "My9d3xq_PYpVHsPrCyww0Kh1w5KZeZhIlWhsa4az1TI";
    assertThat(p.parse("/" + sig + "/rs:fill:4:4/plain/local:///test1.png").sourceUrl())
        .isEqualTo("local:///test1.png");
    // a proxy collapsed "local:///" to "local:/": redenormalized before the signature check
    assertThat(p.parse("/" + sig + "/rs:fill:4:4/plain/local:/test1.png").sourceUrl())
        .isEqualTo("local:///test1.png");
    assertRejected(p, "/unsafe/rs:fill:4:4/plain/local:///test1.png", ErrorKind.FORBIDDEN);
    assertRejected(p, "/bad-signature/rs:fill:4:4/plain/local:///test1.png", ErrorKind.FORBIDDEN);
  }

  @Test
  void queryIsDroppedAndPrefixStripped() {
    UrlParser p = parser("IMGPROXY_PATH_PREFIX", "/img");
    ParsedUrl u = p.parse("/img/_/w:10/plain/http://a.com/x.jpg?size=big");
    assertThat(u.sourceUrl()).isEqualTo("http://a.com/x.jpg");
    assertThat(u.options().width()).isEqualTo(10);
  }

  @Test
  void encodedColonsInOptionsAndCollapsedSchemeAreRepaired() {
    ParsedUrl u = unsigned.parse("/insecure/rs%3Afill%3A10%3A20/plain/https:/a.com/x.jpg");
    assertThat(u.options().width()).isEqualTo(10);
    assertThat(u.options().resizingType()).isEqualTo(ResizingType.FILL);
    assertThat(u.sourceUrl()).isEqualTo("https://a.com/x.jpg");
    assertThat(u.path()).isEqualTo("/rs:fill:10:20/plain/https://a.com/x.jpg");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "/unsafe", "/unsafe/", "//plain/http://a.com/x", "/unsafe//"})
  void emptySignatureOrPathIs404(String uri) {
    assertRejected(unsigned, uri, ErrorKind.INVALID_URL);
  }

  @Test
  void placeholders() {
    for (String p : new String[] {"insecure", "unsafe", "_", "x"}) {
      assertThat(unsigned.parse("/" + p + "/plain/http://a.com/x.jpg").sourceUrl())
          .isEqualTo("http://a.com/x.jpg");
    }
    assertRejected(unsigned, "/rs:fit:10/plain/http://a.com/x.jpg", ErrorKind.SIGNATURE_LOOKS_LIKE_OPTION);
  }

  @Test
  void basicUrlFormatIs404() {
    assertRejected(unsigned, "/unsafe/fill/300/400/sm/0/aHR0cDovL2E", ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/unsafe/fit/300/400/aHR0cDovL2E", ErrorKind.INVALID_URL);
  }

  @Test
  void infoAndEncAreProOnly() {
    assertRejected(unsigned, "/info/unsafe/plain/http://a.com/x.jpg", ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/unsafe/enc/p5VjorNdhs7mRRw8gA9TWoRlGci3l1kuzqN43UQlRaRIQ0qt", ErrorKind.INVALID_URL);
  }

  // ---- sources --------------------------------------------------------------------------------

  @Test
  void base64InRuby16CharChunks() {
    String b64 = Base64Url.encode(CURIOSITY);
    StringBuilder chunked = new StringBuilder();
    for (int i = 0; i < b64.length(); i += 16) {
      chunked.append(i == 0 ? "" : "/").append(b64, i, Math.min(b64.length(), i + 16));
    }
    ParsedUrl u = unsigned.parse("/insecure/rs:fit:100:100/" + chunked + ".webp");
    assertThat(u.sourceUrl()).isEqualTo(CURIOSITY);
    assertThat(u.options().format()).isEqualTo(ImageFormat.WEBP);
  }

  @Test
  void base64PaddedAndUnpadded() {
    String url = "http://a.com/abc"; // 16 bytes -> padding needed
    String padded = java.util.Base64.getUrlEncoder().encodeToString(url.getBytes());
    assertThat(padded).endsWith("=");
    assertThat(unsigned.parse("/_/" + padded).sourceUrl()).isEqualTo(url);
    assertThat(unsigned.parse("/_/" + Base64Url.encode(url)).sourceUrl()).isEqualTo(url);
    assertThat(unsigned.parse("/_/" + padded + ".png").options().format()).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void base64Errors() {
    assertRejected(unsigned, "/_/aHR0cDo+L2E", ErrorKind.INVALID_URL); // not URL-safe
    assertRejected(unsigned, "/_/aHR0c.png.jpg", ErrorKind.INVALID_URL); // two dots
    assertRejected(unsigned, "/_/.png", ErrorKind.INVALID_URL); // empty
    assertRejected(unsigned, "/_/w:10", ErrorKind.INVALID_URL); // no source at all
    assertRejected(unsigned, "/_/aHR0cDovL2E.bogus", ErrorKind.INVALID_URL); // unknown ext
    assertRejected(unsigned, "/_/a", ErrorKind.INVALID_URL); // 1 char is not base64
  }

  @Test
  void seoFilenameIsDroppedOnlyWhenEnabled() {
    String b64 = Base64Url.encode(CURIOSITY);
    UrlParser seo = parser("IMGPROXY_BASE64_URL_INCLUDES_FILENAME", "true");
    ParsedUrl u = seo.parse("/_/" + b64 + ".png/puppy.jpg");
    assertThat(u.sourceUrl()).isEqualTo(CURIOSITY);
    assertThat(u.options().format()).isEqualTo(ImageFormat.PNG);
    // a single segment is never a file name
    assertThat(seo.parse("/_/" + b64).sourceUrl()).isEqualTo(CURIOSITY);
    assertRejected(unsigned, "/_/" + b64 + ".png/puppy.jpg", ErrorKind.INVALID_URL);
  }

  @Test
  void plainPartlyPercentEncoded() {
    ParsedUrl u = unsigned.parse("/insecure/plain/http://a.com/user%40host/x%20y+z.jpg?q=1");
    assertThat(u.sourceUrl()).isEqualTo("http://a.com/user@host/x y+z.jpg");
    ParsedUrl full = unsigned.parse("/insecure/plain/http%3A%2F%2Fa.com%2Fimg.jpg%3Fv%3D2@webp");
    assertThat(full.sourceUrl()).isEqualTo("http://a.com/img.jpg?v=2");
    assertThat(full.options().format()).isEqualTo(ImageFormat.WEBP);
    assertThat(unsigned.parse("/_/plain/http://a.com/%E2%9C%93.png").sourceUrl())
        .isEqualTo("http://a.com/\u2713.png");
  }

  @Test
  void plainErrors() {
    assertRejected(unsigned, "/_/plain/http://a.com/x.jpg@png@jpg", ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/_/plain/http://a.com/100%.jpg", ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/_/plain/http://a.com/%zz.jpg", ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/_/plain/@png", ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/_/plain/http://a.com/x.jpg@tif", ErrorKind.INVALID_URL);
  }

  @Test
  void plainExtensionJoinsSlashes() {
    ParsedUrl u = unsigned.parse("/_/w:5/plain/http://a.com/a/b/c.jpg@jpg");
    assertThat(u.sourceUrl()).isEqualTo("http://a.com/a/b/c.jpg");
    assertThat(u.options().format()).isEqualTo(ImageFormat.JPEG);
  }

  @Test
  void extensionOverridesFormatUnlessRaw() {
    assertThat(unsigned.parse("/_/f:png/plain/http://a.com/x@webp").options().format())
        .isEqualTo(ImageFormat.WEBP);
    ParsedUrl raw = unsigned.parse("/_/raw:1/f:png/plain/http://a.com/x@bogus");
    assertThat(raw.options().raw()).isTrue();
    assertThat(raw.options().format()).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void replacementsThenBaseUrl() {
    UrlParser p =
        parser(
            "IMGPROXY_URL_REPLACEMENTS", "mybucket://=http://mybucket.s3.amazonaws.com/;images://*/=https://${1}.example.com/",
            "IMGPROXY_BASE_URL", "https://cdn.example.com/");
    assertThat(p.parse("/_/plain/mybucket://a/b.png").sourceUrl())
        .isEqualTo("https://cdn.example.com/http://mybucket.s3.amazonaws.com/a/b.png");
    assertThat(p.parse("/_/plain/images://eu/c.png").sourceUrl())
        .isEqualTo("https://cdn.example.com/https://eu.example.com/c.png");
    assertThat(p.parse("/_/plain/https://cdn.example.com/d.png").sourceUrl())
        .isEqualTo("https://cdn.example.com/d.png");
    assertThat(p.parse("/_/plain/e.png").sourceUrl()).isEqualTo("https://cdn.example.com/e.png");
  }

  @Test
  void allowedSourcesAreAnchoredPrefixes() {
    UrlParser p = parser("IMGPROXY_ALLOWED_SOURCES", "http://allowed.com/, https://*.cdn.net/img/");
    assertThat(p.parse("/_/plain/http://allowed.com/x.jpg").sourceUrl()).isEqualTo("http://allowed.com/x.jpg");
    assertThat(p.parse("/_/plain/https://eu.cdn.net/img/x.jpg").sourceUrl()).startsWith("https://eu");
    // a literal @ in a plain source is the extension separator, so the trap is sent as %40
    assertRejected(p, "/_/plain/http://allowed.com%40evil.com/x.jpg", ErrorKind.INVALID_SOURCE_URL);
    assertRejected(p, "/_/plain/http://allowed.com@evil.com/x.jpg", ErrorKind.INVALID_URL);
    assertRejected(p, "/_/plain/http://evil.com/http://allowed.com/", ErrorKind.INVALID_SOURCE_URL);
    assertRejected(p, "/_/plain/https://a.b/.cdn.net/img/x.jpg", ErrorKind.INVALID_SOURCE_URL);
    assertRejected(p, "/_/" + Base64Url.encode("http://allowed.com@evil.com/x.jpg"), ErrorKind.INVALID_SOURCE_URL);
  }

  @Test
  void allowedSourcesStatusIs404() {
    UrlParser p = parser("IMGPROXY_ALLOWED_SOURCES", "http://allowed.com/");
    assertThatThrownBy(() -> p.parse("/_/plain/http://allowed.com%40evil.com/x.jpg"))
        .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void onlyPresetsMode() {
    UrlParser p =
        parser(
            "IMGPROXY_ONLY_PRESETS", "true",
            "IMGPROXY_PRESETS", "default=q:70,thumb=rs:fill:100:100,blurry=bl:2");
    ParsedUrl u = p.parse("/unsafe/thumb:blurry/plain/http://a.com/x.jpg@png");
    assertThat(u.options().width()).isEqualTo(100);
    assertThat(u.options().blur()).isEqualTo(2);
    assertThat(u.options().quality()).isEqualTo(70);
    assertThat(u.options().format()).isEqualTo(ImageFormat.PNG);
    assertThat(u.sourceUrl()).isEqualTo("http://a.com/x.jpg");
    assertRejected(p, "/unsafe/nope/plain/http://a.com/x.jpg", ErrorKind.INVALID_URL);
    assertRejected(p, "/unsafe/thumb", ErrorKind.INVALID_URL);
  }
}
