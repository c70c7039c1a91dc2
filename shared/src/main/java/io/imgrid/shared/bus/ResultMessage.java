package io.imgrid.shared.bus;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A worker's answer to a {@link JobMessage}: the encoded image (status 200) or "not modified"
 * (status 304, empty body), plus the metadata a gateway needs to build the response headers for
 * every waiter: result and origin dimensions, and the origin's validators and caching headers for
 * passthrough. Unknown numbers are {@code -1}; absent headers are null.
 *
 * @param status 200 or 304
 * @param contentType the result MIME type; null for a 304
 * @param body the encoded image; empty for a 304. Not copied: treat as read-only
 * @param etag the origin's ETag, verbatim
 * @param lastModified the origin's Last-Modified, verbatim
 * @param cacheControl the origin's Cache-Control, verbatim
 * @param expires the origin's Expires, verbatim
 * @param sourceContentLength the source size in bytes, -1 if unknown
 * @param fallbackStatus 0 for a normal result; for the fallback image (served instead of a
 *     download-stage failure, {@code IMGPROXY_FALLBACK_IMAGE_*}) the status of the original
 *     failure, so the gateway can answer {@code IMGPROXY_FALLBACK_IMAGE_HTTP_CODE} or keep it
 * @param timings the worker's phases for this job, in order (at most
 *     {@value Timing#MAX_PER_RESULT})
 */
public record ResultMessage(
    int status,
    String contentType,
    byte[] body,
    int resultWidth,
    int resultHeight,
    int originWidth,
    int originHeight,
    String etag,
    String lastModified,
    String cacheControl,
    String expires,
    long sourceContentLength,
    int fallbackStatus,
    List<Timing> timings) {

  public static final int VERSION = Wire.VERSION;

  public ResultMessage {
    if (status != 200 && status != 304) {
      throw new IllegalArgumentException("status must be 200 or 304: " + status);
    }
    Objects.requireNonNull(body, "body == null");
    if (status == 200) {
      Objects.requireNonNull(contentType, "contentType == null");
    }
    if (fallbackStatus != 0 && (status != 200 || fallbackStatus < 100 || fallbackStatus > 599)) {
      throw new IllegalArgumentException(
          "fallbackStatus must be 0, or an HTTP status on a 200 result: " + fallbackStatus);
    }
    timings = List.copyOf(timings);
    if (timings.size() > Timing.MAX_PER_RESULT) {
      throw new IllegalArgumentException("more than " + Timing.MAX_PER_RESULT + " timings");
    }
  }

  /** A result without timings. */
  public ResultMessage(
      int status,
      String contentType,
      byte[] body,
      int resultWidth,
      int resultHeight,
      int originWidth,
      int originHeight,
      String etag,
      String lastModified,
      String cacheControl,
      String expires,
      long sourceContentLength,
      int fallbackStatus) {
    this(
        status, contentType, body, resultWidth, resultHeight, originWidth, originHeight, etag,
        lastModified, cacheControl, expires, sourceContentLength, fallbackStatus, List.of());
  }

  /** A normal (non-fallback) result. */
  public ResultMessage(
      int status,
      String contentType,
      byte[] body,
      int resultWidth,
      int resultHeight,
      int originWidth,
      int originHeight,
      String etag,
      String lastModified,
      String cacheControl,
      String expires,
      long sourceContentLength) {
    this(
        status, contentType, body, resultWidth, resultHeight, originWidth, originHeight, etag,
        lastModified, cacheControl, expires, sourceContentLength, 0);
  }

  /**
   * This image as the fallback answer for a download failure of status {@code originalStatus}.
   * The fallback's own validators and caching headers are dropped, as imgproxy does.
   */
  public ResultMessage asFallbackFor(int originalStatus) {
    return new ResultMessage(
        status, contentType, body, resultWidth, resultHeight, originWidth, originHeight, null,
        null, null, null, sourceContentLength, originalStatus, timings);
  }

  /** This result with the worker's phase timings. */
  public ResultMessage withTimings(List<Timing> phases) {
    return new ResultMessage(
        status, contentType, body, resultWidth, resultHeight, originWidth, originHeight, etag,
        lastModified, cacheControl, expires, sourceContentLength, fallbackStatus, phases);
  }

  /** Whether this is the fallback image standing in for a failed download. */
  public boolean isFallback() {
    return fallbackStatus != 0;
  }

  /** A 304 carrying the origin's validators and caching headers. */
  public static ResultMessage notModified(
      String etag, String lastModified, String cacheControl, String expires) {
    return new ResultMessage(
        304, null, new byte[0], -1, -1, -1, -1, etag, lastModified, cacheControl, expires, -1);
  }

  public boolean isNotModified() {
    return status == 304;
  }

  public byte[] toBytes() {
    return new Wire.Writer(96 + body.length)
        .header(Wire.TYPE_RESULT)
        .i32(status)
        .optStr(contentType)
        .bytes(body)
        .i32(resultWidth)
        .i32(resultHeight)
        .i32(originWidth)
        .i32(originHeight)
        .optStr(etag)
        .optStr(lastModified)
        .optStr(cacheControl)
        .optStr(expires)
        .i64(sourceContentLength)
        .i32(fallbackStatus)
        .timings(timings)
        .toByteArray();
  }

  /**
   * Reads {@link #toBytes()} output.
   *
   * @throws UnsupportedVersionException for another wire version
   * @throws BusFormatException for truncated or malformed bytes, or an impossible status
   */
  public static ResultMessage fromBytes(byte[] bytes) {
    Wire.Reader r = new Wire.Reader(bytes).header(Wire.TYPE_RESULT);
    int status = r.i32();
    String contentType = r.optStr();
    byte[] body = r.bytes();
    int rw = r.i32();
    int rh = r.i32();
    int ow = r.i32();
    int oh = r.i32();
    String etag = r.optStr();
    String lastModified = r.optStr();
    String cacheControl = r.optStr();
    String expires = r.optStr();
    long length = r.i64();
    int fallbackStatus = r.i32();
    try {
      List<Timing> timings = r.timings();
      r.end();
      return new ResultMessage(
          status, contentType, body, rw, rh, ow, oh, etag, lastModified, cacheControl, expires,
          length, fallbackStatus, timings);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new BusFormatException("invalid result: " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResultMessage m
        && status == m.status
        && Objects.equals(contentType, m.contentType)
        && Arrays.equals(body, m.body)
        && resultWidth == m.resultWidth
        && resultHeight == m.resultHeight
        && originWidth == m.originWidth
        && originHeight == m.originHeight
        && Objects.equals(etag, m.etag)
        && Objects.equals(lastModified, m.lastModified)
        && Objects.equals(cacheControl, m.cacheControl)
        && Objects.equals(expires, m.expires)
        && sourceContentLength == m.sourceContentLength
        && fallbackStatus == m.fallbackStatus
        && timings.equals(m.timings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
            status, contentType, resultWidth, resultHeight, originWidth, originHeight, etag,
            lastModified, cacheControl, expires, sourceContentLength, fallbackStatus, timings)
        * 31
        + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "ResultMessage[status=" + status + ", contentType=" + contentType + ", body="
        + body.length + " bytes, result=" + resultWidth + "x" + resultHeight + ", origin="
        + originWidth + "x" + originHeight + ", etag=" + etag + ", lastModified=" + lastModified
        + ", cacheControl=" + cacheControl + ", expires=" + expires + ", sourceContentLength="
        + sourceContentLength + ", fallbackStatus=" + fallbackStatus + ", timings=" + timings
        + "]";
  }
}
