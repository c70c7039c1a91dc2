package io.imgrid.worker.svg;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether an {@code href}/{@code xlink:href} value may stay: empty, a fragment, a relative
 * or protocol-relative reference, or an absolute URL whose scheme is allowed (http/https, plus
 * data on {@code <image>}). This is imgproxy's {@code isSafeHref} rule.
 *
 * <p>The value is judged the way a browser's XML parser and URL parser will read it, which is a
 * little stricter than imgproxy where imgproxy can be fooled:
 *
 * <ul>
 *   <li>character references ({@code &#97;}, {@code &#x61;}), the five predefined entities and the
 *       plain-text entities of the document's DOCTYPE are decoded (imgproxy decodes HTML entities);
 *   <li>TAB, LF and CR are removed everywhere, since the URL parser drops them ({@code
 *       java&#9;script:} is {@code javascript:} to a browser, a relative URL to imgproxy);
 *   <li>leading and trailing controls and spaces are trimmed;
 *   <li>an entity still undecoded before the first {@code /}, {@code ?} or {@code #} makes the
 *       value unsafe: its meaning there could be a scheme ({@code javascript&colon;}).
 * </ul>
 */
final class HrefPolicy {
  /** Schemes allowed on any element. */
  static final Set<String> SCHEMES = Set.of("http", "https");
  /** Schemes allowed on {@code <image>}: inline images are fine there. */
  static final Set<String> IMAGE_SCHEMES = Set.of("http", "https", "data");

  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
  private static final Map<String, String> PREDEFINED =
      Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'");

  private HrefPolicy() {}

  /**
   * @param raw the attribute value as written, entities still encoded
   * @param allowedSchemes lower-case schemes that may stay
   * @param entities plain-text entities declared in the document's DOCTYPE
   */
  static boolean isSafe(String raw, Set<String> allowedSchemes, Map<String, String> entities) {
    String url = trim(stripTabsAndNewlines(decode(raw, entities)));
    if (url.isEmpty() || url.charAt(0) == '#') {
      return true;
    }
    String head = url;
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        head = url.substring(0, i);
        break;
      }
    }
    if (head.indexOf('&') >= 0) {
      return false;
    }
    int colon = head.indexOf(':');
    if (colon < 0) {
      return true; // relative reference
    }
    String scheme = head.substring(0, colon);
    if (!SCHEME.matcher(scheme).matches()) {
      return true; // not a scheme to a URL parser either: a relative reference
    }
    return allowedSchemes.contains(scheme.toLowerCase(Locale.ROOT));
  }

  /** Decodes character references and known entities; anything else is left as written. */
  static String decode(String raw, Map<String, String> entities) {
    int amp = raw.indexOf('&');
    if (amp < 0) {
      return raw;
    }
    StringBuilder out = new StringBuilder(raw.length());
    int i = 0;
    while (amp >= 0) {
      out.append(raw, i, amp);
      int semi = raw.indexOf(';', amp + 1);
      String replacement = semi < 0 ? null : resolve(raw.substring(amp + 1, semi), entities);
      if (replacement == null) {
        out.append('&');
        i = amp + 1;
      } else {
        out.append(replacement);
        i = semi + 1;
      }
      amp = raw.indexOf('&', i);
    }
    return out.append(raw, i, raw.length()).toString();
  }

  private static String resolve(String ref, Map<String, String> entities) {
    if (ref.startsWith("#")) {
      return characterReference(ref.substring(1));
    }
    String predefined = PREDEFINED.get(ref);
    return predefined != null ? predefined : entities.get(ref);
  }

  private static String characterReference(String digits) {
    int radix = 10;
    if (digits.startsWith("x")) {
      radix = 16;
      digits = digits.substring(1);
    }
    if (digits.isEmpty() || digits.length() > 8) {
      return null;
    }
    int codePoint;
    try {
      codePoint = Integer.parseInt(digits, radix);
    } catch (NumberFormatException e) {
      return null;
    }
    boolean valid =
        codePoint > 0
            && codePoint <= Character.MAX_CODE_POINT
            && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    return valid ? new String(Character.toChars(codePoint)) : null;
  }

  private static String stripTabsAndNewlines(String s) {
    if (s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\t' && c != '\n' && c != '\r') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String trim(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isTrimmed(s.charAt(from))) {
      from++;
    }
    while (to > from && isTrimmed(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static boolean isTrimmed(char c) {
    return c <= 0x20 || Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
