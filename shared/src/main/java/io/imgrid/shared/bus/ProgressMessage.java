package io.imgrid.shared.bus;

import java.util.Arrays;
import java.util.Objects;

/**
 * A worker's word to one gateway about the jobs of that gateway it holds (queued or running):
 * sent every {@link #INTERVAL_MILLIS} while it holds any. The gateway counts a job whose worker
 * has said nothing for its silence timeout as lost and retries it elsewhere, so a worker that
 * went silent (frozen, its host gone) costs a few seconds, not the request's deadline.
 *
 * @param workerNodeId the Vert.x cluster node id of the worker
 * @param attempts the gateway's attempt ids (its {@code imgrid-attempt} header) the worker holds
 */
public record ProgressMessage(String workerNodeId, long[] attempts) {

  /** The wire version this build writes. */
  public static final int VERSION = Wire.VERSION;

  /** How often a worker speaks for the jobs it holds; part of the protocol. */
  public static final long INTERVAL_MILLIS = 250;

  /** The most attempt ids one message carries (a worker holds at most its slots per gateway). */
  public static final int MAX_ATTEMPTS = 65_536;

  public ProgressMessage {
    Objects.requireNonNull(workerNodeId, "workerNodeId == null");
    attempts = attempts.clone();
    if (attempts.length > MAX_ATTEMPTS) {
      throw new IllegalArgumentException("more than " + MAX_ATTEMPTS + " attempts");
    }
  }

  @Override
  public long[] attempts() {
    return attempts.clone();
  }

  /** The message as versioned bytes. */
  public byte[] toBytes() {
    Wire.Writer w = new Wire.Writer(16 + workerNodeId.length() + 8 * attempts.length)
        .header(Wire.TYPE_PROGRESS).str(workerNodeId).i32(attempts.length);
    for (long id : attempts) {
      w.i64(id);
    }
    return w.toByteArray();
  }

  /**
   * Reads {@link #toBytes()} output.
   *
   * @throws UnsupportedVersionException for another wire version
   * @throws BusFormatException for truncated or malformed bytes
   */
  public static ProgressMessage fromBytes(byte[] bytes) {
    Wire.Reader r = new Wire.Reader(bytes).header(Wire.TYPE_PROGRESS);
    String worker = r.str();
    int n = r.i32();
    if (n < 0 || n > MAX_ATTEMPTS || 8L * n > r.remaining()) {
      throw new BusFormatException("bad attempt count " + n + " for " + r.remaining()
          + " bytes left");
    }
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = r.i64();
    }
    r.end();
    return new ProgressMessage(worker, ids);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProgressMessage p && p.workerNodeId.equals(workerNodeId)
        && Arrays.equals(p.attempts, attempts);
  }

  @Override
  public int hashCode() {
    return 31 * workerNodeId.hashCode() + Arrays.hashCode(attempts);
  }

  @Override
  public String toString() {
    return "ProgressMessage[" + workerNodeId + ", " + Arrays.toString(attempts) + "]";
  }
}
