package io.imgrid.shared.bus;

import java.util.Objects;

/**
 * One job sent from a gateway to a worker: what to fetch, the opaque canonical options text the
 * worker decodes ({@code CanonicalOptions.decode}), what the client accepts, the conditional
 * headers to forward to the origin, and the absolute deadline the whole request must meet.
 *
 * <p>The wire carries a version byte ({@link #VERSION}); see {@link #toBytes()}.
 *
 * @param requestId the client-facing request id, for log correlation across nodes
 * @param jobKey the job key as lowercase hex (dedup, quarantine, logs)
 * @param sourceUrl the full, decoded source URL
 * @param optionsText the canonical options string, opaque to the bus
 * @param ifNoneMatch the If-None-Match to forward to the origin, or null
 * @param ifModifiedSince the If-Modified-Since to forward to the origin, or null
 * @param deadlineEpochMillis when the gateway stops waiting ({@code System.currentTimeMillis} clock)
 * @param traceParent the W3C {@code traceparent} of the gateway's dispatch span, or null when the
 *     request is not traced; the worker's spans are its children
 */
public record JobMessage(
    String requestId,
    String jobKey,
    String sourceUrl,
    String optionsText,
    boolean acceptWebp,
    boolean acceptAvif,
    boolean acceptJxl,
    String ifNoneMatch,
    String ifModifiedSince,
    long deadlineEpochMillis,
    String traceParent) {

  /** The wire version this build writes. */
  public static final int VERSION = Wire.VERSION;

  public JobMessage {
    Objects.requireNonNull(requestId, "requestId == null");
    Objects.requireNonNull(jobKey, "jobKey == null");
    Objects.requireNonNull(sourceUrl, "sourceUrl == null");
    Objects.requireNonNull(optionsText, "optionsText == null");
  }

  /** A job that is not traced. */
  public JobMessage(String requestId, String jobKey, String sourceUrl, String optionsText,
      boolean acceptWebp, boolean acceptAvif, boolean acceptJxl, String ifNoneMatch,
      String ifModifiedSince, long deadlineEpochMillis) {
    this(requestId, jobKey, sourceUrl, optionsText, acceptWebp, acceptAvif, acceptJxl, ifNoneMatch,
        ifModifiedSince, deadlineEpochMillis, null);
  }

  /** This job as a child of the trace context {@code parent} (a W3C traceparent, or null). */
  public JobMessage withTraceParent(String parent) {
    return new JobMessage(requestId, jobKey, sourceUrl, optionsText, acceptWebp, acceptAvif,
        acceptJxl, ifNoneMatch, ifModifiedSince, deadlineEpochMillis, parent);
  }

  /** The message as versioned bytes. */
  public byte[] toBytes() {
    return new Wire.Writer(128 + sourceUrl.length() + optionsText.length())
        .header(Wire.TYPE_JOB)
        .str(requestId)
        .str(jobKey)
        .str(sourceUrl)
        .str(optionsText)
        .bool(acceptWebp)
        .bool(acceptAvif)
        .bool(acceptJxl)
        .optStr(ifNoneMatch)
        .optStr(ifModifiedSince)
        .i64(deadlineEpochMillis)
        .optStr(traceParent)
        .toByteArray();
  }

  /**
   * Reads {@link #toBytes()} output.
   *
   * @throws UnsupportedVersionException for another wire version
   * @throws BusFormatException for truncated or malformed bytes
   */
  public static JobMessage fromBytes(byte[] bytes) {
    Wire.Reader r = new Wire.Reader(bytes).header(Wire.TYPE_JOB);
    JobMessage m =
        new JobMessage(
            r.str(), r.str(), r.str(), r.str(), r.bool(), r.bool(), r.bool(), r.optStr(), r.optStr(),
            r.i64(), r.optStr());
    r.end();
    return m;
  }
}
