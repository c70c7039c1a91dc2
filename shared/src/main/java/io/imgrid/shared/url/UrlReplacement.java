package io.imgrid.shared.url;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code IMGPROXY_URL_REPLACEMENTS} rule, {@code pattern=replacement}: a wildcard prefix
 * pattern ({@code *} = {@code [^/]*}, each one a group) whose match is replaced, with
 * {@code ${N}} / {@code $N} naming the N-th wildcard and {@code $$} a dollar, as Go's
 * {@code Regexp.ReplaceAllString} expands them.
 */
public record UrlReplacement(String pattern, String replacement) {
  public UrlReplacement {
    Objects.requireNonNull(pattern, "pattern == null");
    Objects.requireNonNull(replacement, "replacement == null");
  }

  /**
   * Parses {@code p1=r1;p2=r2}; blank entries are skipped, an entry without {@code =} is
   * reported to {@code problems}.
   */
  public static List<UrlReplacement> parseList(String value, List<String> problems) {
    List<UrlReplacement> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String entry : value.split(";", -1)) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq < 0) {
        problems.add("invalid key/value: " + entry);
        continue;
      }
      out.add(new UrlReplacement(entry.substring(0, eq), entry.substring(eq + 1)));
    }
    return List.copyOf(out);
  }

  public String apply(String url) {
    Matcher m = Wildcard.compile(pattern, true).matcher(url);
    if (!m.lookingAt()) {
      return url;
    }
    return expand(m) + url.substring(m.end());
  }

  private String expand(Matcher m) {
    StringBuilder out = new StringBuilder();
    String t = replacement;
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c != '$') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 < t.length() && t.charAt(i + 1) == '$') {
        out.append('$');
        i += 2;
        continue;
      }
      int start;
      int end;
      int next;
      if (i + 1 < t.length() && t.charAt(i + 1) == '{') {
        start = i + 2;
        end = t.indexOf('}', start);
        next = end + 1;
      } else {
        start = i + 1;
        end = start;
        while (end < t.length() && isNameChar(t.charAt(end))) {
          end++;
        }
        next = end;
      }
      if (end < 0 || end == start || !allNameChars(t, start, end)) {
        out.append('$'); // malformed: the dollar is literal
        i++;
        continue;
      }
      out.append(group(m, t.substring(start, end)));
      i = next;
    }
    return out.toString();
  }

  private static String group(Matcher m, String name) {
    if (!name.chars().allMatch(ch -> ch >= '0' && ch <= '9') || name.length() > 9) {
      return ""; // named groups do not exist in wildcard patterns
    }
    int n = Integer.parseInt(name);
    if (n > m.groupCount() || m.group(n) == null) {
      return "";
    }
    return m.group(n);
  }

  private static boolean isNameChar(char c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean allNameChars(String t, int start, int end) {
    for (int k = start; k < end; k++) {
      if (!isNameChar(t.charAt(k))) {
        return false;
      }
    }
    return true;
  }
}
