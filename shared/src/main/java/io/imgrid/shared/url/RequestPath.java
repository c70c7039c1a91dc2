package io.imgrid.shared.url;

import io.imgrid.shared.error.RequestException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request URI split into its signature and the path that is signed and parsed (contract §1
 * steps 1–3): the query is dropped, the path prefix and one leading {@code /} are stripped, and
 * the path is "redenormalized" to undo what proxies and CDNs do to it.
 *
 * @param signature the first segment, never empty
 * @param path everything after it, redenormalized, never empty and without the leading slash
 */
public record RequestPath(String signature, String path) {
  private static final String PLAIN = "/plain/";
  /** Go's {@code ^(\S+):/([^/])}; Go's {@code \S} is ASCII, without the vertical tab. */
  private static final Pattern COLLAPSED_SCHEME = Pattern.compile("^([^\\t\\n\\f\\r ]+):/([^/])");

  /** Splits a raw (not percent-decoded) request URI; 404 when signature or path is empty. */
  public static RequestPath split(String requestUri, String pathPrefix) {
    String uri = requestUri;
    int query = uri.indexOf('?');
    if (query >= 0) {
      uri = uri.substring(0, query);
    }
    if (!pathPrefix.isEmpty() && uri.startsWith(pathPrefix)) {
      uri = uri.substring(pathPrefix.length());
    }
    if (uri.startsWith("/")) {
      uri = uri.substring(1);
    }
    int slash = uri.indexOf('/');
    String signature = slash < 0 ? uri : uri.substring(0, slash);
    String path = slash < 0 ? "" : uri.substring(slash + 1);
    if (signature.isEmpty() || path.isEmpty()) {
      throw RequestException.invalidUrl("Invalid path: " + path);
    }
    return new RequestPath(signature, redenormalize(path));
  }

  /**
   * In the options part (before the first {@code /plain/}, or all of it) {@code %3A} becomes
   * {@code :}; in the plain source part a collapsed {@code scheme:/x} becomes {@code scheme://x}
   * ({@code local:///x} for local).
   */
  public static String redenormalize(String path) {
    int cut = path.indexOf(PLAIN);
    String options = cut < 0 ? path : path.substring(0, cut);
    options = options.replace("%3A", ":");
    if (cut < 0) {
      return options;
    }
    String plain = path.substring(cut + PLAIN.length());
    Matcher m = COLLAPSED_SCHEME.matcher(plain);
    if (m.find()) {
      String scheme = m.group(1);
      String repl = scheme + "://" + ("local".equals(scheme) ? "/" : "") + m.group(2);
      plain = repl + plain.substring(m.end());
    }
    return options + PLAIN + plain;
  }

  /** The message that is signed: the path with a leading slash (v4 adds one when missing). */
  public String signedPath() {
    return path.startsWith("/") ? path : "/" + path;
  }
}
