package io.imgrid.shared.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.config.SigningConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every known-answer vector of contract §2, and the negative ones. */
class SignatureVerifierTest {
  private static final byte[] SECRET = HexFormat.of().parseHex("736563726574");
  private static final byte[] HELLO = HexFormat.of().parseHex("68656C6C6F");
  private static final byte[] KEY2 =
      HexFormat.of().parseHex("943b421c9eb07c830af81030552c86009268de4e532ba2ee2eab8247c6da0881");
  private static final byte[] SALT2 =
      HexFormat.of().parseHex("520f986b998545b4785e0defbc4f3c1203f22de2374a3d53cb7a7fe9fea309c5");
  private static final String PATH2 = "/rs:fit:300:300/plain/http://img.example.com/pretty/image.jpg";

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String raw(String key, String salt, String message, int size) {
    return Base64Url.encode(SignatureVerifier.digest(b(key), b(salt), b(message), size));
  }

  @Test
  void vector1DocsExample() {
    String path = "/rs:fill:300:400:0/g:sm/aHR0cDovL2V4YW1w/bGUuY29tL2ltYWdl/cy9jdXJpb3NpdHku/anBn.png";
    assertThat(SignatureVerifier.sign(SECRET, HELLO, path, 32))
        .isEqualTo("oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8");
    new SignatureVerifier(SigningConfig.of(SECRET, HELLO, 32))
        .verify("oKfUtW34Dvo2BGQehJFR4Nr0_rIjOtdtzJ3QFsUcXH8", path.substring(1));
  }

  @Test
  void vector2JavaExample() {
    assertThat(SignatureVerifier.sign(KEY2, SALT2, PATH2, 32))
        .isEqualTo("m3k5QADfcKPDj-SDI2AIogZbC3FlAXszuwhtWXYqavc");
  }

  @Test
  void vector3Truncated() {
    assertThat(SignatureVerifier.sign(KEY2, SALT2, PATH2, 8)).isEqualTo("m3k5QADfcKM");
    new SignatureVerifier(SigningConfig.of(KEY2, SALT2, 8)).verify("m3k5QADfcKM", PATH2);
  }

  @Test
  void vectors4And5() {
    assertThat(SignatureVerifier.sign(b("test-key"), b("test-salt"), "/asd", 32))
        .isEqualTo("oWaL7QoW5TsgbuiS9-5-DI8S3Ibbo1gdB2SteJh3a20");
    assertThat(SignatureVerifier.sign(b("test-key"), b("test-salt"), "/asd", 8))
        .isEqualTo("oWaL7QoW5Ts");
  }

  @Test
  void vector6SecondPairIsTried() {
    SigningConfig two =
        new SigningConfig(
            List.of(b("test-key"), b("test-key2")),
            List.of(b("test-salt"), b("test-salt2")),
            32,
            List.of());
    SignatureVerifier v = new SignatureVerifier(two);
    assertThatCode(() -> v.verify("jYz1UZ7j1BCdSzH3pZhaYf0iuz0vusoOTdqJsUT6WXI", "/asd"))
        .doesNotThrowAnyException();
    assertThatCode(() -> v.verify("oWaL7QoW5TsgbuiS9-5-DI8S3Ibbo1gdB2SteJh3a20", "/asd"))
        .doesNotThrowAnyException();
    // negative vector: pairs #4 and #6, the v3 no-slash signature must fail
    assertForbidden(() -> v.verify("dtLwhdnPPis", "/asd"));
  }

  @Test
  void vectors7And8AreV3MessagesWithoutSlash() {
    assertThat(raw("test-key", "test-salt", "asd", 32))
        .isEqualTo("dtLwhdnPPiu_epMl1LrzheLpvHas-4mwvY6L3Z8WwlY");
    assertThat(raw("test-key", "test-salt", "asd", 8)).isEqualTo("dtLwhdnPPis");
    assertThat(raw("test-key2", "test-salt2", "asd", 32))
        .isEqualTo("jbDffNPt1-XBgDccsaE-XJB9lx8JIJqdeYIZKgOqZpg");
    // v4 signs "asd" as "/asd"
    assertThat(SignatureVerifier.sign(b("test-key"), b("test-salt"), "asd", 32))
        .isEqualTo("oWaL7QoW5TsgbuiS9-5-DI8S3Ibbo1gdB2SteJh3a20");
  }

  @Test
  void vector9LocalSource() {
    assertThat(SignatureVerifier.sign(b("test-key"), b("test-salt"), "/rs:fill:4:4/plain/local:///test1.png", 32))
        .isEqualTo("My9d3xq_PYpVHsPrCyww0Kh1w5KZeZhIlWhsa4az1TI");
  }

  @Test
  void vector10PresetPath() {
    String path =
        "/preset:sharp/resize:fill:300:400:0/gravity:sm/plain/http://example.com/images/curiosity.jpg@png";
    assertThat(SignatureVerifier.sign(SECRET, HELLO, path, 32))
        .isEqualTo("1DbacBC8JL_REI0hx1vYaz-6FCMEix4TV4_Bg2121fs");
  }

  @Test
  void truncatedSignatureFailsAtFullSize() {
    SignatureVerifier v = new SignatureVerifier(SigningConfig.of(b("test-key"), b("test-salt"), 32));
    assertForbidden(() -> v.verify("oWaL7QoW5Ts", "/asd"));
  }

  @Test
  void badEncodingAndPaddingAreForbidden() {
    SignatureVerifier v = new SignatureVerifier(SigningConfig.of(b("test-key"), b("test-salt"), 8));
    assertForbidden(() -> v.verify("oWaL7QoW5Ts=", "/asd"));
    assertForbidden(() -> v.verify("not base64!", "/asd"));
    assertForbidden(() -> v.verify("a", "/asd"));
    assertForbidden(() -> v.verify("unsafe", "/asd"));
  }

  @Test
  void trustedSignatureIsAcceptedVerbatim() {
    SigningConfig c =
        new SigningConfig(List.of(b("k")), List.of(b("s")), 32, List.of("trusted!sig"));
    assertThatCode(() -> new SignatureVerifier(c).verify("trusted!sig", "/whatever"))
        .doesNotThrowAnyException();
  }

  @Test
  void unsignedModeAcceptsPlaceholdersButNotOptions() {
    SignatureVerifier v = new SignatureVerifier(SigningConfig.UNSIGNED);
    for (String p : List.of("insecure", "unsafe", "_", "x")) {
      assertThatCode(() -> v.verify(p, "/asd")).doesNotThrowAnyException();
    }
    assertThatThrownBy(() -> v.verify("rs:fit:300", "/asd"))
        .isInstanceOfSatisfying(
            RequestException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.SIGNATURE_LOOKS_LIKE_OPTION);
              assertThat(e.status()).isEqualTo(403);
            });
  }

  static void assertForbidden(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RequestException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN);
              assertThat(e.status()).isEqualTo(403);
            });
  }
}
