package io.imgrid.app.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** imgproxy URL signatures, computed independently of the code under test. */
final class Signing {
  private Signing() {}

  static String hex(String raw) {
    return HexFormat.of().formatHex(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code base64url(HMAC-SHA256(key, salt || path))} without padding. */
  static String sign(String key, String salt, String path) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(salt.getBytes(StandardCharsets.UTF_8));
      byte[] digest = mac.doFinal(path.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(String url) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
  }
}
