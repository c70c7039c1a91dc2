package io.imgrid.shared.fetch;

import io.imgrid.shared.config.FetchConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/**
 * Which of the client's validators travel to the origin (imgproxy v4). With an ETag buster, the
 * ETags imgrid hands out are {@code "<buster>/<base64url(originETag)>"}, so only such a value is
 * decoded and forwarded; a stale buster forwards nothing and the source is fetched afresh.
 */
public final class Conditionals {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private Conditionals() {}

  /** The {@code If-None-Match} to send to the origin, or null. */
  public static String ifNoneMatch(FetchConfig config, String clientValue) {
    if (!config.useEtag() || clientValue == null || clientValue.isBlank()) {
      return null;
    }
    String value = clientValue.trim();
    if (config.etagBuster().isEmpty()) {
      return value;
    }
    String prefix = "\"" + config.etagBuster() + "/";
    if (!value.startsWith(prefix) || !value.endsWith("\"") || value.length() <= prefix.length()) {
      return null;
    }
    String encoded = value.substring(prefix.length(), value.length() - 1);
    try {
      return new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The {@code If-Modified-Since} to send to the origin, or null. A value older than the
   * Last-Modified buster predates the bust: it is not forwarded.
   */
  public static String ifModifiedSince(FetchConfig config, String clientValue) {
    if (!config.useLastModified() || clientValue == null || clientValue.isBlank()) {
      return null;
    }
    String value = clientValue.trim();
    Instant buster = config.lastModifiedBuster();
    if (buster == null) {
      return value;
    }
    Instant since = parseHttpDate(value);
    return since != null && !since.isBefore(buster) ? value : null;
  }

  /** {@code request} carrying the validators {@code config} lets through from the client. */
  public static FetchRequest forward(
      FetchConfig config, FetchRequest request, String clientIfNoneMatch, String clientIfModSince) {
    return request.withConditionals(
        ifNoneMatch(config, clientIfNoneMatch), ifModifiedSince(config, clientIfModSince));
  }

  /** An RFC 1123 HTTP date, or null when it does not parse. */
  static Instant parseHttpDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code instant} as an HTTP date ({@code Tue, 03 Jun 2008 11:05:30 GMT}). */
  static String formatHttpDate(Instant instant) {
    return HTTP_DATE.format(instant.atOffset(ZoneOffset.UTC));
  }
}
