package io.imgrid.shared.fetch;

/** What the fetched bytes are for, which decides the headers sent and the statuses accepted. */
public enum FetchMode {
  /**
   * The worker processes the bytes: identity encoding, only 200 (or a full-range 206) is a
   * source, and 304 only when validators were forwarded; every other status is a failure.
   */
  PROCESS,
  /**
   * The gateway's {@code raw} passthrough: {@code Range} and {@code Accept-Encoding} are
   * forwarded too and the origin's status (206, 304, 4xx, …) is handed back as it is.
   */
  RAW
}
