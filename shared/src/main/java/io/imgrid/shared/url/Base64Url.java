package io.imgrid.shared.url;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * URL-safe base64 without padding, as Go's {@code base64.RawURLEncoding}: the alphabet is
 * {@code A-Z a-z 0-9 - _}, and a {@code =} anywhere is an error (imgproxy trims trailing ones
 * first where it accepts padded input).
 */
public final class Base64Url {
  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String encode(String s) {
    return encode(s.getBytes(StandardCharsets.UTF_8));
  }

  /** The decoded bytes, or empty when {@code s} is not raw URL-safe base64. */
  public static Optional<byte[]> decode(String s, boolean trimPadding) {
    String in = s;
    if (trimPadding) {
      int end = in.length();
      while (end > 0 && in.charAt(end - 1) == '=') {
        end--;
      }
      in = in.substring(0, end);
    }
    if (in.indexOf('=') >= 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getUrlDecoder().decode(in));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Decoded as UTF-8 text (invalid sequences become U+FFFD). */
  public static Optional<String> decodeToString(String s, boolean trimPadding) {
    return decode(s, trimPadding).map(b -> new String(b, StandardCharsets.UTF_8));
  }
}
