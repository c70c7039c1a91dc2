package io.imgrid.shared.url;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.IntPredicate;

/**
 * Percent-encoding of UTF-8 bytes with upper-case hex digits (RFC 3986 §2.1), shared by every
 * place imgrid writes one: the {@code /plain/} sources {@link UrlBuilder} builds, the job key's
 * canonical text and the source URLs the fetcher repairs. Each decides which bytes stay as they
 * are.
 */
public final class PercentEncoding {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private PercentEncoding() {}

  /** {@code s} with each UTF-8 byte (0-255) for which {@code keep} is false written {@code %XX}. */
  public static String encode(String s, IntPredicate keep) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (keep.test(c)) {
        out.append((char) c);
      } else {
        appendEscaped(out, c);
      }
    }
    return out.toString();
  }

  /** Appends {@code %XX} for one byte (0-255). */
  public static void appendEscaped(StringBuilder out, int b) {
    out.append('%').append(HEX.toHexDigits((byte) b));
  }
}
