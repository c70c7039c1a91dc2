package io.imgrid.worker.guard;

/**
 * Counts the filter references in an SVG ({@code filter="url(#f)"} attributes and {@code
 * filter:url(#f)} style properties): an upper bound on how many times librsvg runs a filter chain
 * over (at most) the whole raster. Together with the raster size this bounds the render cost
 * before librsvg starts, which matters because libvips' kill flag cannot stop librsvg inside one
 * render: a 4000×4000 SVG with 200 nested blur filters renders for minutes however small the
 * requested region.
 *
 * <p>A byte scan, linear in the input, independent of the sanitizer (rasterised sources are not
 * sanitised). It undercounts a rule in a {@code <style>} sheet that applies to many elements and
 * {@code <use>} copies of a filtered element; the deadline watchdog stays the backstop for those.
 */
public final class SvgFilterCount {
  private static final byte[] FILTER = {'f', 'i', 'l', 't', 'e', 'r'};
  private static final byte[] URL = {'u', 'r', 'l', '('};

  private SvgFilterCount() {}

  /** Number of {@code filter} attributes or properties whose value starts with {@code url(}. */
  public static int count(byte[] svg) {
    int count = 0;
    int end = svg.length;
    for (int p = indexOf(svg, FILTER, 0); p >= 0; p = indexOf(svg, FILTER, p + FILTER.length)) {
      int q = skipSpace(svg, p + FILTER.length, end);
      if (q >= end || (svg[q] != '=' && svg[q] != ':')) {
        continue;
      }
      q = skipSpace(svg, q + 1, end);
      if (q < end && (svg[q] == '"' || svg[q] == '\'')) {
        q = skipSpace(svg, q + 1, end);
      }
      if (startsWith(svg, q, URL)) {
        count++;
      }
    }
    return count;
  }

  private static int skipSpace(byte[] d, int p, int end) {
    while (p < end && (d[p] == ' ' || d[p] == '\t' || d[p] == '\r' || d[p] == '\n')) {
      p++;
    }
    return p;
  }

  private static boolean startsWith(byte[] d, int p, byte[] s) {
    if (p < 0 || d.length - p < s.length) {
      return false;
    }
    for (int i = 0; i < s.length; i++) {
      if (d[p + i] != s[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] d, byte[] s, int from) {
    byte first = s[0];
    for (int p = from; p <= d.length - s.length; p++) {
      if (d[p] == first && startsWith(d, p, s)) {
        return p;
      }
    }
    return -1;
  }
}
