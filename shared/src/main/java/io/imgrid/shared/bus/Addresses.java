package io.imgrid.shared.bus;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Event-bus addresses of the grid. Each worker node consumes its own address, so a gateway picks
 * the worker (load-aware) instead of letting the bus round-robin; standalone and local setups use
 * the one shared {@link #JOBS} address.
 */
public final class Addresses {
  /** The shared job address: standalone mode and single-JVM setups. */
  public static final String JOBS = "imgrid.jobs";

  /** Where workers publish their announcements (node id, free slots, savable formats). */
  public static final String WORKER_ANNOUNCEMENTS = "imgrid.workers.announce";

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_.:-]+");

  private Addresses() {}

  /** The job address of one worker node: {@code imgrid.worker.<nodeId>.jobs}. */
  public static String workerJobs(String nodeId) {
    return "imgrid.worker." + checkNodeId(nodeId) + ".jobs";
  }

  /** A node's own address for dedup followers asking a leader: {@code imgrid.node.<nodeId>.dedup}. */
  public static String nodeDedup(String nodeId) {
    return "imgrid.node." + checkNodeId(nodeId) + ".dedup";
  }

  /**
   * A node's own address for leave notices ({@link LeavingMessage}): {@code
   * imgrid.node.<nodeId>.leaving}.
   */
  public static String nodeLeaving(String nodeId) {
    return "imgrid.node." + checkNodeId(nodeId) + ".leaving";
  }

  /**
   * A gateway's own address for workers' {@link ProgressMessage}s about the jobs it sent them:
   * {@code imgrid.node.<nodeId>.progress}.
   */
  public static String nodeProgress(String nodeId) {
    return "imgrid.node." + checkNodeId(nodeId) + ".progress";
  }

  private static String checkNodeId(String nodeId) {
    Objects.requireNonNull(nodeId, "nodeId == null");
    if (!NODE_ID.matcher(nodeId).matches()) {
      throw new IllegalArgumentException("node id must match " + NODE_ID + ": " + nodeId);
    }
    return nodeId;
  }
}
