package io.imgrid.gateway.http;

import io.imgrid.shared.bus.ResultMessage;
import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.format.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The headers of a processed-image response, as imgproxy v4 writes them (contract §5.2). Pure
 * functions of the request, the worker's result, the settings and the clock, so each rule is unit
 * tested; the handler only copies the map onto the response. Errors never come here: they carry
 * no caching headers at all.
 */
public final class ResponseHeaders {
  public static final String VARY_ACCEPT = "Accept";

  /** Go's {@code http.TimeFormat}: always a two-digit day. */
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  private ResponseHeaders() {}

  /**
   * Every header for a worker result: the full set for a 200, or for a 304 only Cache-Control,
   * Vary, ETag and Last-Modified.
   */
  public static Map<String, String> forResult(
      JobRequest request, ResultMessage result, ServerConfig.Headers settings, Instant now) {
    return forResult(request, result, result.status(), settings, 0, now);
  }

  /**
   * As above for a response answered with {@code status} (which differs from the result's for the
   * fallback image); {@code fallbackTtl} is {@code IMGPROXY_FALLBACK_IMAGE_TTL} when the result is
   * the fallback image (a positive value sets the max-age), else 0.
   */
  public static Map<String, String> forResult(
      JobRequest request,
      ResultMessage result,
      int status,
      ServerConfig.Headers settings,
      int fallbackTtl,
      Instant now) {
    Map<String, String> h = new LinkedHashMap<>();
    if (!result.isNotModified()) {
      h.put("Content-Type", result.contentType());
      h.put("Content-Length", Integer.toString(result.body().length));
      String ext = extensionOf(result.contentType());
      if (ext != null) { // an image, not an /info answer
        h.put(
            "Content-Disposition",
            contentDisposition(
                request.job().sourceUrl(), request.filename(), ext, request.returnAttachment()));
      }
    }
    put(
        h,
        "Cache-Control",
        cacheControl(
            status,
            request.expiresEpochSeconds(),
            fallbackTtl,
            result.cacheControl(),
            result.expires(),
            settings,
            now));
    if (request.varyAccept()) {
      h.put("Vary", VARY_ACCEPT);
    }
    put(h, "ETag", etag(result.etag(), settings));
    put(h, "Last-Modified", lastModified(result.lastModified(), settings));
    if (result.isNotModified()) {
      return h;
    }
    if (settings.setCanonicalHeader()) {
      put(h, "Link", canonicalLink(request.job().sourceUrl()));
    }
    if (settings.enableDebugHeaders()) {
      h.put("X-Origin-Width", Integer.toString(result.originWidth()));
      h.put("X-Origin-Height", Integer.toString(result.originHeight()));
      h.put("X-Result-Width", Integer.toString(result.resultWidth()));
      h.put("X-Result-Height", Integer.toString(result.resultHeight()));
      if (result.sourceContentLength() >= 0) {
        h.put("X-Origin-Content-Length", Long.toString(result.sourceContentLength()));
      }
    }
    return h;
  }

  /**
   * Cache-Control by imgproxy's priority: (1) an explicit max-age from the {@code expires} option
   * ({@code min(TTL, seconds left)}) or from the fallback image TTL; (2) none for status ≥ 400;
   * (3) with passthrough, the origin's Cache-Control verbatim or its Expires as a max-age; (4)
   * {@code max-age=<TTL>, public}; (5) {@code no-cache} when TTL is 0.
   *
   * @param expiresEpochSeconds the {@code expires} option, 0 when absent
   * @param fallbackTtl the fallback image TTL when the fallback image is served, else 0
   * @return the value, or null for no header
   */
  public static String cacheControl(
      int status,
      long expiresEpochSeconds,
      int fallbackTtl,
      String originCacheControl,
      String originExpires,
      ServerConfig.Headers settings,
      Instant now) {
    long maxAge = fallbackTtl > 0 ? fallbackTtl : -1;
    if (expiresEpochSeconds > 0) {
      long left = Math.max(0, expiresEpochSeconds - now.getEpochSecond());
      if (maxAge < 0 || left < maxAge) {
        maxAge = Math.min(settings.ttl(), left);
      }
    }
    if (maxAge > 0) {
      return maxAge(maxAge);
    }
    if (status >= 400) {
      return null;
    }
    if (settings.cacheControlPassthrough()) {
      if (originCacheControl != null && !originCacheControl.isEmpty()) {
        return originCacheControl;
      }
      if (originExpires != null) {
        Instant expires = ConditionalRequest.parseHttpDate(originExpires);
        if (expires != null) {
          long left = Math.max(0, expires.getEpochSecond() - now.getEpochSecond());
          if (left > 0) {
            return maxAge(left);
          }
        }
      }
    }
    if (settings.ttl() > 0) {
      return maxAge(settings.ttl());
    }
    return "no-cache";
  }

  private static String maxAge(long seconds) {
    return "max-age=" + seconds + ", public";
  }

  /**
   * {@code inline; filename="<stem>.<ext>"} (or {@code attachment}). The stem is the
   * {@code filename} option, else the source URL's last segment without its extension (split as
   * imgproxy does, on the whole URL string), else {@code image}; {@code "} becomes {@code %22}.
   *
   * @param ext the result format's extension without the dot, or null to keep the URL's
   */
  public static String contentDisposition(
      String sourceUrl, String filename, String ext, boolean returnAttachment) {
    String segment = sourceUrl.substring(sourceUrl.lastIndexOf('/') + 1);
    int dot = segment.lastIndexOf('.');
    String urlExt = dot >= 0 ? segment.substring(dot) : "";
    String stem = dot >= 0 ? segment.substring(0, dot) : segment;
    if (filename != null && !filename.isEmpty()) {
      stem = filename;
    }
    String dottedExt = ext != null && !ext.isEmpty() ? "." + ext : urlExt;
    if (stem.isEmpty()) {
      stem = "image";
    }
    return (returnAttachment ? "attachment" : "inline")
        + "; filename=\""
        + stem.replace("\"", "%22")
        + dottedExt
        + "\"";
  }

  /**
   * The origin ETag, verbatim, or busted as {@code "<buster>/<base64url(originETag)>"}; null when
   * ETags are off or the origin sent none.
   */
  public static String etag(String originEtag, ServerConfig.Headers settings) {
    if (!settings.useEtag() || originEtag == null || originEtag.isEmpty()) {
      return null;
    }
    if (settings.etagBuster() == null) {
      return originEtag;
    }
    String encoded =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(originEtag.getBytes(StandardCharsets.UTF_8));
    return "\"" + settings.etagBuster() + "/" + encoded + "\"";
  }

  /**
   * The origin Last-Modified, raised to the buster when older; null when off, absent or
   * malformed (imgproxy never forwards an unparsable value).
   */
  public static String lastModified(String originLastModified, ServerConfig.Headers settings) {
    if (!settings.useLastModified() || originLastModified == null) {
      return null;
    }
    Instant origin = ConditionalRequest.parseHttpDate(originLastModified);
    if (origin == null) {
      return null;
    }
    Instant buster = settings.lastModifiedBuster();
    if (buster != null && origin.isBefore(buster)) {
      return HTTP_DATE.format(buster);
    }
    return originLastModified;
  }

  /** {@code <src>; rel="canonical"} for http(s) sources, else null. */
  public static String canonicalLink(String sourceUrl) {
    if (sourceUrl.startsWith("http://") || sourceUrl.startsWith("https://")) {
      return "<" + sourceUrl + ">; rel=\"canonical\"";
    }
    return null;
  }

  /** The extension of the format with this MIME type, or null if none matches. */
  static String extensionOf(String contentType) {
    if (contentType == null) {
      return null;
    }
    String mime = contentType;
    int semicolon = mime.indexOf(';');
    if (semicolon >= 0) {
      mime = mime.substring(0, semicolon);
    }
    mime = mime.trim();
    for (ImageFormat f : ImageFormat.values()) {
      if (f.mimeType().equalsIgnoreCase(mime)) {
        return f.extension();
      }
    }
    return null;
  }

  private static void put(Map<String, String> h, String name, String value) {
    if (value != null) {
      h.put(name, value);
    }
  }
}
