package io.imgrid.shared.url;

import io.imgrid.shared.config.SigningConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * imgproxy's URL signature (contract §2): base64url_nopad(HMAC-SHA256(key, salt ‖ path)[0:size]),
 * each key/salt pair tried in turn, compared in constant time; {@code IMGPROXY_TRUSTED_SIGNATURES}
 * accepted verbatim. With signing off any non-empty placeholder passes, except one containing
 * {@code :} (v4), which is almost always a URL written without its signature segment.
 */
public final class SignatureVerifier {
  private final SigningConfig config;

  public SignatureVerifier(SigningConfig config) {
    this.config = Objects.requireNonNull(config, "config == null");
  }

  /**
   * Checks {@code signature} against {@code path} (the redenormalized path; a leading {@code /} is
   * added when missing, as v4 does). Throws a 403 {@link RequestException} when it does not match.
   */
  public void verify(String signature, String path) {
    if (!config.signingEnabled()) {
      if (signature.indexOf(':') >= 0) {
        throw new RequestException(
            ErrorKind.SIGNATURE_LOOKS_LIKE_OPTION, "signature looks like an option: " + signature);
      }
      return;
    }
    if (config.trustedSignatures().contains(signature)) {
      return;
    }
    Optional<byte[]> received = Base64Url.decode(signature, false);
    if (received.isEmpty()) {
      throw RequestException.forbidden("Invalid signature encoding");
    }
    byte[] message = message(path);
    for (int i = 0; i < config.keys().size(); i++) {
      byte[] expected =
          digest(config.keys().get(i), config.salts().get(i), message, config.signatureSize());
      if (MessageDigest.isEqual(received.get(), expected)) {
        return;
      }
    }
    throw RequestException.forbidden("Invalid signature");
  }

  /** The signature an app puts in front of {@code path} (v4: a leading {@code /} is implied). */
  public static String sign(byte[] key, byte[] salt, String path, int size) {
    return Base64Url.encode(digest(key, salt, message(path), size));
  }

  /** HMAC-SHA256(key, salt ‖ message), truncated to {@code size} bytes (1..32). */
  public static byte[] digest(byte[] key, byte[] salt, byte[] message, int size) {
    if (size < 1 || size > 32) {
      throw new IllegalArgumentException("size out of 1..32: " + size);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      // An empty key is legal for HMAC but not for SecretKeySpec; a one-zero-byte key is the
      // same HMAC key (keys are zero-padded to the block size).
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      mac.update(salt);
      mac.update(message);
      return Arrays.copyOf(mac.doFinal(), size);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] message(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    return p.getBytes(StandardCharsets.UTF_8);
  }
}
