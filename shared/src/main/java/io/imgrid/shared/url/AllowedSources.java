package io.imgrid.shared.url;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code IMGPROXY_ALLOWED_SOURCES}: prefix patterns, anchored at the start, {@code *} meaning
 * {@code [^/]*}, checked once on the final source URL. Host patterns must end with {@code /}:
 * {@code http://allowed.com/} refuses {@code http://allowed.com@evil.com/}, while
 * {@code http://allowed.com} would let it through (as in imgproxy).
 */
public final class AllowedSources {
  public static final AllowedSources ANY = new AllowedSources(List.of());

  private final List<String> patterns;
  private final List<Pattern> compiled;

  private AllowedSources(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
    this.compiled = this.patterns.stream().map(p -> Wildcard.compile(p, false)).toList();
  }

  public static AllowedSources of(List<String> patterns) {
    return patterns.isEmpty() ? ANY : new AllowedSources(patterns);
  }

  public List<String> patterns() {
    return patterns;
  }

  public boolean allows(String url) {
    if (compiled.isEmpty()) {
      return true;
    }
    for (Pattern p : compiled) {
      if (p.matcher(url).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** 404 "Invalid source URL" unless allowed. */
  public void check(String url) {
    if (!allows(url)) {
      throw new RequestException(ErrorKind.INVALID_SOURCE_URL, "Source URL is not allowed: " + url);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AllowedSources && ((AllowedSources) o).patterns.equals(patterns);
  }

  @Override
  public int hashCode() {
    return patterns.hashCode();
  }

  @Override
  public String toString() {
    return "AllowedSources" + patterns;
  }
}
