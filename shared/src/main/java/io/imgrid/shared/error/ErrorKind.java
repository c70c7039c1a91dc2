package io.imgrid.shared.error;

/**
 * Every failure imgrid can answer with, as imgproxy answers it: the HTTP status, the public
 * message (the whole response body), and the {@code errors_total{type}} label.
 *
 * <p>This table is the one place where failures meet HTTP. The {@link #code()} is stable across
 * releases and travels on the event bus, so a gateway can render a worker's failure without
 * knowing its Java type.
 */
public enum ErrorKind {
  /** Bad or missing signature, or a bad {@code IMGPROXY_SECRET} bearer token. */
  FORBIDDEN(1, 403, "Forbidden", "security"),
  /** A signature segment that looks like a processing option while signing is off (v4). */
  SIGNATURE_LOOKS_LIKE_OPTION(
      2,
      403,
      "The signature appears to be a processing option. The signature section should always be"
          + " present in the URL.",
      "security"),
  /** A security option in the URL while {@code IMGPROXY_ALLOW_SECURITY_OPTIONS} is off. */
  SECURITY_OPTION_FORBIDDEN(3, 403, "Invalid URL", "security"),
  /** Anything wrong with the path, options, presets or an expired URL. */
  INVALID_URL(4, 404, "Invalid URL", "path_parsing"),
  /** Source refused by {@code IMGPROXY_ALLOWED_SOURCES} or the network guard. */
  INVALID_SOURCE_URL(5, 404, "Invalid source URL", "security"),
  /** Unknown scheme, connection error, too many redirects, origin 4xx (mirrored) or 5xx (502). */
  SOURCE_UNREACHABLE(6, 404, "Source is unreachable", "download"),
  /** {@code IMGPROXY_DOWNLOAD_TIMEOUT} ran out. */
  SOURCE_TIMEOUT(7, 504, "Source is unreachable", "download"),
  /** The origin closed the body before its declared length. */
  SOURCE_INCOMPLETE(8, 422, "Source response is incomplete", "download"),
  /** Unknown type, too large in bytes, pixels or frames. */
  INVALID_SOURCE_IMAGE(9, 422, "Invalid source image", "image_data_size"),
  /** libvips could not decode the source. */
  BROKEN_IMAGE(10, 422, "Broken or unsupported image", "processing"),
  /** Source format not loadable or result format not savable here. */
  UNSUPPORTED_FORMAT(11, 422, "Invalid URL", "processing"),
  /** The key is quarantined after it took two workers down. */
  QUARANTINED(12, 422, "Broken or unsupported image", "processing"),
  /** {@code IMGPROXY_REQUESTS_QUEUE_SIZE} is full. */
  TOO_MANY_REQUESTS(13, 429, "Too many requests", "queue"),
  /** {@code IMGPROXY_TIMEOUT} ran out while queued or processing. */
  TIMEOUT(14, 503, "Timeout", "timeout"),
  /** The client went away. Never counted as an error. */
  CANCELLED(15, 499, "Cancelled", "cancelled"),
  /** A route that does not exist. */
  NOT_FOUND(16, 404, " ", "path_parsing"),
  /** A defect of ours. */
  INTERNAL(17, 500, "Internal error", "unexpected"),
  /**
   * A node could not read an event-bus message (another wire version, or malformed bytes). The
   * gateway retries the job on another worker; only when none can read it does the client see 500.
   */
  BUS_INCOMPATIBLE(18, 500, "Internal error", "unexpected"),
  /**
   * The options ask for a result (or an intermediate resized image) larger than the
   * max_src_resolution limit allows, e.g. {@code rs:fill:60000:60000/el:1}. imgproxy has no such
   * check (it would try to allocate the result); imgrid bounds its memory. Neither "Invalid URL"
   * (the URL parses) nor "Invalid source image" (the source passed its checks) describes it, so it
   * has its own message; 422 and {@code image_data_size} as for an over-large source.
   */
  RESULT_TOO_LARGE(19, 422, "Result image is too large", "image_data_size");

  private final int code;
  private final int status;
  private final String publicMessage;
  private final String metricType;

  ErrorKind(int code, int status, String publicMessage, String metricType) {
    this.code = code;
    this.status = status;
    this.publicMessage = publicMessage;
    this.metricType = metricType;
  }

  /** Stable numeric code, used as the event-bus failure code. */
  public int code() {
    return code;
  }

  /** Default HTTP status; {@link SourceException} may carry the origin's mirrored 4xx instead. */
  public int status() {
    return status;
  }

  public String publicMessage() {
    return publicMessage;
  }

  /** The {@code type} label of imgproxy's {@code errors_total}. */
  public String metricType() {
    return metricType;
  }

  /** The kind for a bus failure code, {@link #INTERNAL} for a code this build does not know. */
  public static ErrorKind ofCode(int code) {
    for (ErrorKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    return INTERNAL;
  }
}
