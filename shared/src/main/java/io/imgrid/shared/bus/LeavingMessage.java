package io.imgrid.shared.bus;

import java.util.Objects;

/**
 * A node's notice, sent to every other node just before it leaves the cluster on purpose (a
 * drained worker, a stopped gateway): the others stop counting it as a member at once instead of
 * when Hazelcast notices, which between containers can take the whole member timeout.
 *
 * @param nodeId the Vert.x cluster node id of the node that leaves
 */
public record LeavingMessage(String nodeId) {

  /** The wire version this build writes. */
  public static final int VERSION = Wire.VERSION;

  public LeavingMessage {
    Objects.requireNonNull(nodeId, "nodeId == null");
  }

  /** The message as versioned bytes. */
  public byte[] toBytes() {
    return new Wire.Writer(8 + nodeId.length()).header(Wire.TYPE_LEAVING).str(nodeId)
        .toByteArray();
  }

  /**
   * Reads {@link #toBytes()} output.
   *
   * @throws UnsupportedVersionException for another wire version
   * @throws BusFormatException for truncated or malformed bytes
   */
  public static LeavingMessage fromBytes(byte[] bytes) {
    Wire.Reader r = new Wire.Reader(bytes).header(Wire.TYPE_LEAVING);
    LeavingMessage m = new LeavingMessage(r.str());
    r.end();
    return m;
  }
}
