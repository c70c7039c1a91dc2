package io.imgrid.shared.url;

import java.util.regex.Pattern;

/** imgproxy's wildcard patterns: anchored at the start only, {@code *} meaning {@code [^/]*}. */
final class Wildcard {
  private Wildcard() {}

  /** {@code capture} makes each wildcard a group, for {@code ${N}} in URL replacements. */
  static Pattern compile(String pattern, boolean capture) {
    StringBuilder re = new StringBuilder("^");
    int from = 0;
    int star;
    while ((star = pattern.indexOf('*', from)) >= 0) {
      re.append(quote(pattern.substring(from, star))).append(capture ? "([^/]*)" : "[^/]*");
      from = star + 1;
    }
    re.append(quote(pattern.substring(from)));
    return Pattern.compile(re.toString());
  }

  private static String quote(String s) {
    return s.isEmpty() ? "" : Pattern.quote(s);
  }
}
