package io.imgrid.gateway.http;

import io.imgrid.shared.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Which of the client's conditional headers go to the origin (imgproxy v4
 * {@code httpheaders/conditionalheaders}). With an ETag buster, a client ETag must be
 * {@code "<buster>/<base64url(originETag)>"}: it is decoded back to the origin's ETag, and if it
 * is not in that shape nothing at all is forwarded. With a Last-Modified buster, an
 * If-Modified-Since not newer than the buster is dropped.
 *
 * @param ifNoneMatch to forward, or null
 * @param ifModifiedSince to forward, or null
 */
public record ConditionalRequest(String ifNoneMatch, String ifModifiedSince) {
  public static final ConditionalRequest NONE = new ConditionalRequest(null, null);

  public static ConditionalRequest forOrigin(
      String clientIfNoneMatch, String clientIfModifiedSince, ServerConfig.Headers settings) {
    String etag = null;
    if (settings.useEtag() && notEmpty(clientIfNoneMatch)) {
      if (settings.etagBuster() == null) {
        etag = clientIfNoneMatch;
      } else {
        String unquoted = unquoteEtag(clientIfNoneMatch);
        String prefix = settings.etagBuster() + "/";
        if (!unquoted.startsWith(prefix)) {
          return NONE;
        }
        try {
          byte[] decoded = Base64.getUrlDecoder().decode(unquoted.substring(prefix.length()));
          etag = new String(decoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return NONE;
        }
      }
    }
    String ims = null;
    if (settings.useLastModified() && notEmpty(clientIfModifiedSince)) {
      Instant buster = settings.lastModifiedBuster();
      if (buster == null) {
        ims = clientIfModifiedSince;
      } else {
        Instant since = parseHttpDate(clientIfModifiedSince);
        if (since != null && buster.isBefore(since)) {
          ims = clientIfModifiedSince;
        }
      }
    }
    return new ConditionalRequest(etag, ims);
  }

  /** Strips a weak {@code W/} prefix and the surrounding quotes. */
  static String unquoteEtag(String etag) {
    String e = etag.startsWith("W/") ? etag.substring(2) : etag;
    if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
      e = e.substring(1, e.length() - 1);
    }
    return e;
  }

  /** An HTTP date (RFC 1123), or null when malformed. */
  static Instant parseHttpDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
