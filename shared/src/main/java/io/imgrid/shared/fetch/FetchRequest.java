package io.imgrid.shared.fetch;

import java.time.Instant;
import java.util.Objects;

/**
 * One fetch's per-request inputs. Immutable; build with {@link #process()} or {@link #raw} and
 * the {@code with*} methods.
 *
 * @param deadline the request's own deadline ({@code IMGPROXY_TIMEOUT}); running into it gives
 *     503 "Timeout" rather than the download timeout's 504. Null: only the download timeout.
 * @param ifNoneMatch the validator to forward to the origin, already decided by {@link
 *     Conditionals}; null sends none
 * @param ifModifiedSince likewise for {@code If-Modified-Since}
 * @param maxBytes the byte cap: {@link #USE_SETTING} for {@code IMGPROXY_MAX_SRC_FILE_SIZE}, 0
 *     for "no limit" (which still means {@link #MEMORY_CEILING}), else the {@code
 *     max_src_file_size} option's value
 * @param mode what the bytes are for
 * @param range {@code Range} to forward, {@link FetchMode#RAW} only; null sends none
 * @param acceptEncoding {@code Accept-Encoding} to forward, {@link FetchMode#RAW} only
 */
public record FetchRequest(
    Instant deadline,
    String ifNoneMatch,
    String ifModifiedSince,
    long maxBytes,
    FetchMode mode,
    String range,
    String acceptEncoding) {

  /** {@link #maxBytes} value meaning "whatever {@code IMGPROXY_MAX_SRC_FILE_SIZE} says". */
  public static final long USE_SETTING = -1;

  public FetchRequest {
    Objects.requireNonNull(mode, "mode == null");
    if (maxBytes < USE_SETTING) {
      throw new IllegalArgumentException("maxBytes < -1: " + maxBytes);
    }
    if (mode == FetchMode.PROCESS && (range != null || acceptEncoding != null)) {
      throw new IllegalArgumentException("Range/Accept-Encoding are forwarded for RAW only");
    }
  }

  /** A plain fetch for processing: no deadline, no validators, the configured cap. */
  public static FetchRequest process() {
    return new FetchRequest(null, null, null, USE_SETTING, FetchMode.PROCESS, null, null);
  }

  /** A {@code raw} passthrough fetch forwarding the client's Range and Accept-Encoding. */
  public static FetchRequest raw(String range, String acceptEncoding) {
    return new FetchRequest(null, null, null, USE_SETTING, FetchMode.RAW, range, acceptEncoding);
  }

  public FetchRequest withDeadline(Instant deadline) {
    return new FetchRequest(
        deadline, ifNoneMatch, ifModifiedSince, maxBytes, mode, range, acceptEncoding);
  }

  /** The validators to forward as they are (see {@link Conditionals} for deciding them). */
  public FetchRequest withConditionals(String ifNoneMatch, String ifModifiedSince) {
    return new FetchRequest(
        deadline, ifNoneMatch, ifModifiedSince, maxBytes, mode, range, acceptEncoding);
  }

  public FetchRequest withMaxBytes(long maxBytes) {
    return new FetchRequest(
        deadline, ifNoneMatch, ifModifiedSince, maxBytes, mode, range, acceptEncoding);
  }

  /** Whether a validator travels to the origin, which is what makes a 304 acceptable. */
  public boolean conditional() {
    return ifNoneMatch != null || ifModifiedSince != null;
  }

  /**
   * The most a fetch ever holds in memory when no limit is set ({@code IMGPROXY_MAX_SRC_FILE_SIZE}
   * = 0, imgproxy's default, means "unlimited" there). Sources are buffered whole, so "unlimited"
   * would let one endless origin body fill the heap within the download timeout; 64 MiB is far
   * above any real photo (a 50 MP JPEG is ~20 MB) and keeps IMGPROXY_WORKERS concurrent fetches
   * inside bin/imgrid's default heap. Set the limit explicitly to go higher.
   */
  public static final long MEMORY_CEILING = 64L << 20;

  /** The cap in bytes with the setting applied: never 0, never above what was asked. */
  long effectiveMaxBytes(long setting) {
    long cap = maxBytes == USE_SETTING ? setting : maxBytes;
    return cap > 0 ? cap : MEMORY_CEILING;
  }
}
