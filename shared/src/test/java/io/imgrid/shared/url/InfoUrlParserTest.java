package io.imgrid.shared.url;

import static io.imgrid.shared.url.Parsers.infoParser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.info.InfoOptions;
import io.imgrid.shared.job.JobKey;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** imgproxy Pro's /info URLs: signing, options and their defaults, sources, refusals. */
class InfoUrlParserTest {
  private static final String SRC = "http://example.com/images/curiosity.jpg";
  private final InfoUrlParser unsigned = infoParser();

  private static void assertRejected(InfoUrlParser p, String uri, ErrorKind kind) {
    assertThatThrownBy(() -> p.parse(uri))
        .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void recognisesInfoPathsOnlyByTheirFirstSegment() {
    assertThat(InfoUrlParser.isInfo("/info/_/plain/" + SRC, "")).isTrue();
    assertThat(InfoUrlParser.isInfo("/img/info/_/plain/" + SRC, "/img")).isTrue();
    assertThat(InfoUrlParser.isInfo("/_/rs:fit:10/plain/http://x/info/a.jpg", "")).isFalse();
    assertThat(InfoUrlParser.isInfo("/information/plain/" + SRC, "")).isFalse();
  }

  @Test
  void defaultsAreImgproxyPros() {
    InfoUrlParser.Parsed p = unsigned.parse("/info/_/plain/" + SRC);
    assertThat(p.sourceUrl()).isEqualTo(SRC);
    InfoOptions o = p.options();
    assertThat(o.size() && o.format() && o.dimensions() && o.exif() && o.iptc() && o.xmp()
        && o.details()).isTrue();
    assertThat(o.average()).isFalse();
    assertThat(o.averageIgnoreTransparent()).isTrue();
    assertThat(o.blurhashX()).isZero();
    assertThat(o.thumbhash()).isFalse();
    assertThat(o.needsPixels()).isFalse();
  }

  @Test
  void parsesEveryOptionByNameAndAlias() {
    InfoOptions o = unsigned.parse("/info/_/s:0/f:false/d:0/exif:0/iptc:f/xmp:0/dt:0/avg:1:0/"
        + "bh:4:3/th:t/pg:2/cb:v2/vm:1/" + Base64Url.encode(SRC.getBytes(StandardCharsets.UTF_8)))
        .options();
    assertThat(o.size() || o.format() || o.dimensions() || o.exif() || o.iptc() || o.xmp()
        || o.details()).isFalse();
    assertThat(o.average()).isTrue();
    assertThat(o.averageIgnoreTransparent()).isFalse();
    assertThat(o.blurhashX()).isEqualTo(4);
    assertThat(o.blurhashY()).isEqualTo(3);
    assertThat(o.thumbhash()).isTrue();
    assertThat(o.page()).isEqualTo(2);
    assertThat(o.cachebuster()).isEqualTo("v2");
    assertThat(o.needsPixels()).isTrue();
    InfoOptions longNames = unsigned.parse("/info/_/size:0/format:0/dimensions:0/exif:0/iptc:0/"
        + "xmp:0/details:0/average:1:0/blurhash:4:3/thumbhash:1/page:2/cachebuster:v2/plain/" + SRC)
        .options();
    assertThat(longNames).isEqualTo(o);
  }

  @Test
  void paletteAndDominantColoursAsPros() {
    InfoOptions o = unsigned.parse("/info/_/p:16/dc:1:1/plain/" + SRC).options();
    assertThat(o.palette()).isEqualTo(16);
    assertThat(o.dominantColors() && o.dominantColorsBuildMissed() && o.needsPixels()).isTrue();
    InfoOptions longNames =
        unsigned.parse("/info/_/palette:16/dominant_colors:1:1/plain/" + SRC).options();
    assertThat(longNames).isEqualTo(o);
    assertThat(InfoOptions.decode(o.encode())).isEqualTo(o);
    InfoOptions plain = unsigned.parse("/info/_/dc:1/p:0/plain/" + SRC).options();
    assertThat(plain.dominantColorsBuildMissed()).isFalse();
    assertThat(plain.palette()).isZero();
    assertRejected(unsigned, "/info/_/p:1/plain/" + SRC, ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/info/_/p:257/plain/" + SRC, ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/info/_/dc:1:1:1/plain/" + SRC, ErrorKind.INVALID_URL);
  }

  @Test
  void blurhashNeedsBothComponentsAndAtMostNine() {
    assertThat(unsigned.parse("/info/_/bh:4:0/plain/" + SRC).options().blurhashX()).isZero();
    assertRejected(unsigned, "/info/_/bh:10:3/plain/" + SRC, ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/info/_/bh:3/plain/" + SRC, ErrorKind.INVALID_URL);
  }

  @Test
  void signsWhatFollowsTheSignatureAsForProcessing() {
    byte[] key = HexFormat.of().parseHex("736563726574");
    byte[] salt = HexFormat.of().parseHex("68656C6C6F");
    InfoUrlParser p = infoParser("IMGPROXY_KEY", "736563726574", "IMGPROXY_SALT", "68656C6C6F");
    String path = "/avg:1/plain/" + SRC;
    String sig = SignatureVerifier.sign(key, salt, path, 32);
    assertThat(p.parse("/info/" + sig + path).options().average()).isTrue();
    assertRejected(p, "/info/" + sig + "/avg:0/plain/" + SRC, ErrorKind.FORBIDDEN);
    assertRejected(p, "/info/_" + path, ErrorKind.FORBIDDEN);
  }

  @Test
  void refusesWhatItDoesNotComputeByName() {
    assertThatThrownBy(() -> unsigned.parse("/info/_/do:1/plain/" + SRC))
        .isInstanceOf(RequestException.class)
        .hasMessageContaining("do is not supported");
    assertRejected(unsigned, "/info/_/crop:10:10/plain/" + SRC, ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/info/_/rs:fit:10/plain/" + SRC, ErrorKind.INVALID_URL);
    assertRejected(unsigned, "/info/_/s/plain/" + SRC, ErrorKind.INVALID_URL);
  }

  @Test
  void securityOptionsOnlyWhenAllowed() {
    assertRejected(unsigned, "/info/_/msr:1/plain/" + SRC, ErrorKind.SECURITY_OPTION_FORBIDDEN);
    InfoUrlParser allowed = infoParser("IMGPROXY_ALLOW_SECURITY_OPTIONS", "true");
    InfoOptions o = allowed.parse("/info/_/msr:1.5/msfs:1000/plain/" + SRC).options();
    assertThat(o.limits().maxSrcResolution()).isEqualTo(1_500_000d);
    assertThat(o.limits().maxSrcFileSize()).isEqualTo(1000);
  }

  @Test
  void expiredAndDisallowedSourcesAre404() {
    assertRejected(unsigned, "/info/_/exp:1000/plain/" + SRC, ErrorKind.INVALID_URL);
    assertThat(unsigned.parse("/info/_/exp:4102444800/plain/" + SRC).options().expires())
        .isEqualTo(4102444800L);
    InfoUrlParser only = infoParser("IMGPROXY_ALLOWED_SOURCES", "https://ok.example/");
    assertThatThrownBy(() -> only.parse("/info/_/plain/" + SRC))
        .isInstanceOf(RequestException.class);
  }

  @Test
  void optionsTextRoundTripsAndIsNeverAProcessingText() {
    InfoOptions o = unsigned.parse("/info/_/avg:1/bh:9:9/th:1/pg:3/cb:a%2Fb c/plain/" + SRC)
        .options();
    String text = o.encode();
    assertThat(InfoOptions.isInfo(text)).isTrue();
    InfoOptions back = InfoOptions.decode(text);
    assertThat(back.encode()).isEqualTo(text);
    assertThat(back.cachebuster()).isEqualTo(o.cachebuster());
    assertThatThrownBy(() -> InfoOptions.decode(text.replace("pg=3", "pg=03")))
        .isInstanceOf(RequestException.class);
    assertThatThrownBy(() -> InfoOptions.decode("rs:fit")).isInstanceOf(RequestException.class);
  }

  @Test
  void jobKeyHasItsOwnNamespaceAndFollowsTheAnswer() {
    InfoOptions o = unsigned.parse("/info/_/plain/" + SRC).options();
    JobKey base = JobKey.ofInfo(SRC, o, null, null);
    assertThat(JobKey.ofInfo(SRC, unsigned.parse("/info/_/s:1/plain/" + SRC).options(), null,
        null)).isEqualTo(base);
    assertThat(JobKey.ofInfo(SRC, unsigned.parse("/info/_/cb:2/plain/" + SRC).options(), null,
        null)).isNotEqualTo(base);
    assertThat(JobKey.ofInfo(SRC, unsigned.parse("/info/_/exp:4102444800/plain/" + SRC)
        .options(), null, null)).isEqualTo(base);
    assertThat(JobKey.ofInfo(SRC, o, "\"e\"", null)).isNotEqualTo(base);
    assertThat(JobKey.ofInfo(SRC + "?x", o, null, null)).isNotEqualTo(base);
  }
}
