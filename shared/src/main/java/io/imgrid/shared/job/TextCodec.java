package io.imgrid.shared.job;

import io.imgrid.shared.url.PercentEncoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict value spelling for {@link CanonicalOptions}: each value has exactly one accepted
 * spelling, so decoding then encoding reproduces the input byte for byte, and anything else is
 * rejected rather than guessed at.
 */
final class TextCodec {
  private TextCodec() {}

  static String bool(boolean b) {
    return b ? "1" : "0";
  }

  static boolean parseBool(String s, String field) {
    if ("1".equals(s)) {
      return true;
    }
    if ("0".equals(s)) {
      return false;
    }
    throw bad(field, s);
  }

  /** {@link Double#toString} is exact: parsing it gives back the same double. */
  static String dbl(double d) {
    return Double.toString(d);
  }

  static double parseDouble(String s, String field) {
    try {
      double d = Double.parseDouble(s);
      if (Double.toString(d).equals(s)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw bad(field, s);
  }

  static int parseInt(String s, String field) {
    try {
      int n = Integer.parseInt(s);
      if (Integer.toString(n).equals(s)) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw bad(field, s);
  }

  static long parseLong(String s, String field) {
    try {
      long n = Long.parseLong(s);
      if (Long.toString(n).equals(s)) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw bad(field, s);
  }

  /** Percent-encodes every UTF-8 byte outside {@code A-Z a-z 0-9 - . _ ~}, upper-case hex. */
  static String escape(String s) {
    return PercentEncoding.encode(s, TextCodec::isUnreserved);
  }

  static String unescape(String s, String field) {
    byte[] out = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw bad(field, s);
        }
        int hi = hex(s.charAt(i + 1));
        int lo = hex(s.charAt(i + 2));
        int v = hi << 4 | lo;
        if (hi < 0 || lo < 0 || isUnreserved(v)) {
          throw bad(field, s);
        }
        out[n++] = (byte) v;
        i += 2;
      } else if (c < 128 && isUnreserved(c)) {
        out[n++] = (byte) c;
      } else {
        throw bad(field, s);
      }
    }
    String decoded = new String(out, 0, n, StandardCharsets.UTF_8);
    if (!escape(decoded).equals(s)) {
      throw bad(field, s); // invalid UTF-8 or a non-canonical spelling
    }
    return decoded;
  }

  /** Splits on {@code sep} keeping empty parts, and checks the count. */
  static List<String> split(String s, char sep, int count, String field) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == sep) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    if (count >= 0 && parts.size() != count) {
      throw bad(field, s);
    }
    return parts;
  }

  static IllegalArgumentException bad(String field, String value) {
    return new IllegalArgumentException(
        "canonical options: bad value for '" + field + "': '" + value + "'");
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
