package io.imgrid.shared.fetch;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.SourceException;
import io.imgrid.shared.url.PercentEncoding;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * Parses source and redirect URLs as leniently as Go's {@code url.Parse}: characters a
 * {@link URI} refuses (spaces, non-ASCII, stray {@code %}) are percent-encoded first, since
 * imgproxy sends such URLs escaped rather than refusing them.
 */
final class SourceUris {
  private static final String ALLOWED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=";

  private SourceUris() {}

  /** The parsed URL, or a 404 "Source is unreachable" when even the escaped form is invalid. */
  static URI parse(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      try {
        return new URI(escape(url));
      } catch (URISyntaxException again) {
        throw new SourceException(
            ErrorKind.SOURCE_UNREACHABLE, 404, "malformed source URL: " + again.getReason(), null);
      }
    }
  }

  /** Percent-encodes every byte that is not a URI character, and {@code %} not before 2 hex. */
  static String escape(String url) {
    byte[] bytes = url.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) && hex(bytes[i + 2])) {
        out.append('%');
      } else if (b < 128 && ALLOWED.indexOf(b) >= 0) {
        out.append((char) b);
      } else {
        PercentEncoding.appendEscaped(out, b);
      }
    }
    return out.toString();
  }

  private static boolean hex(byte b) {
    return Character.digit(b, 16) >= 0;
  }
}
