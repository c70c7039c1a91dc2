package io.imgrid.worker.guard;

/**
 * Tells SVG from other text: skips a BOM, whitespace, the XML declaration and other processing
 * instructions, comments and a DOCTYPE (with its internal subset), and then wants the root
 * element to be {@code svg} (any namespace prefix). Like imgproxy's detector, it looks only at
 * the prolog and the root's name, and it stops after {@link #SCAN_LIMIT} bytes, so a hostile
 * prolog costs at most that much work.
 */
final class SvgDetector {
  /** How far into the source the root element may start. */
  static final int SCAN_LIMIT = 64 * 1024;

  private SvgDetector() {}

  static boolean isSvg(byte[] d) {
    int end = Math.min(d.length, SCAN_LIMIT);
    int p = 0;
    if (end >= 3 && (d[0] & 0xFF) == 0xEF && (d[1] & 0xFF) == 0xBB && (d[2] & 0xFF) == 0xBF) {
      p = 3;
    }
    while (true) {
      p = skipWhitespace(d, p, end);
      if (p >= end || d[p] != '<') {
        return false;
      }
      if (at(d, p, end, "<?")) {
        p = after(d, p + 2, end, "?>");
      } else if (at(d, p, end, "<!--")) {
        p = after(d, p + 4, end, "-->");
      } else if (at(d, p, end, "<!DOCTYPE") || at(d, p, end, "<!doctype")) {
        p = afterDoctype(d, p + 9, end);
      } else {
        return rootIsSvg(d, p + 1, end);
      }
      if (p < 0) {
        return false;
      }
    }
  }

  private static boolean rootIsSvg(byte[] d, int p, int end) {
    int start = p;
    while (p < end && isNameChar(d[p])) {
      p++;
    }
    if (p == start || p >= end) {
      return false;
    }
    int localStart = start;
    for (int i = start; i < p; i++) {
      if (d[i] == ':') {
        localStart = i + 1;
      }
    }
    return p - localStart == 3
        && d[localStart] == 's'
        && d[localStart + 1] == 'v'
        && d[localStart + 2] == 'g'
        && (d[p] == '>' || d[p] == '/' || isSpace(d[p]));
  }

  private static int afterDoctype(byte[] d, int p, int end) {
    boolean inSubset = false;
    byte quote = 0;
    for (; p < end; p++) {
      byte c = d[p];
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        inSubset = true;
      } else if (c == ']') {
        inSubset = false;
      } else if (c == '>' && !inSubset) {
        return p + 1;
      }
    }
    return -1;
  }

  private static int after(byte[] d, int p, int end, String terminator) {
    for (; p <= end - terminator.length(); p++) {
      if (at(d, p, end, terminator)) {
        return p + terminator.length();
      }
    }
    return -1;
  }

  private static boolean at(byte[] d, int p, int end, String s) {
    if (end - p < s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (d[p + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int skipWhitespace(byte[] d, int p, int end) {
    while (p < end && isSpace(d[p])) {
      p++;
    }
    return p;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isNameChar(byte c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == ':'
        || c == '_'
        || c == '-'
        || c == '.';
  }
}
