package io.imgrid.gateway.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a worker announces about itself: where to send it jobs, how many it can take now, and
 * which output formats it can save (libvips builds differ: Debian's has HEIC and JXL, the sharp
 * bundle does not).
 *
 * @param nodeId the Vert.x cluster node id of the worker's JVM (dispatch watches it leave)
 * @param address the worker's own job address
 * @param freeSlots slots free right now
 * @param totalSlots {@code IMGPROXY_WORKERS}
 * @param formats output formats it can save, lower-case extensions ("webp", "avif"…)
 * @param draining true once it stops taking new jobs (SIGTERM): never picked
 * @param progress whether it sends {@link io.imgrid.shared.bus.ProgressMessage}s for the jobs
 *     it holds when asked (newer workers do): only then may a gateway give a job up as silent
 */
public record WorkerInfo(
    String nodeId,
    String address,
    int freeSlots,
    int totalSlots,
    Set<String> formats,
    boolean draining,
    boolean progress) {

  /** Version of the announcement's JSON shape; a newer one is still readable field by field. */
  static final int VERSION = 1;

  public WorkerInfo {
    Objects.requireNonNull(nodeId, "nodeId == null");
    Objects.requireNonNull(address, "address == null");
    formats = Set.copyOf(formats);
    if (totalSlots < 0 || freeSlots < 0 || freeSlots > totalSlots) {
      throw new IllegalArgumentException("slots: free " + freeSlots + " of " + totalSlots);
    }
  }

  /** A worker that sends no progress (as every worker before progress existed). */
  public WorkerInfo(String nodeId, String address, int freeSlots, int totalSlots,
      Set<String> formats, boolean draining) {
    this(nodeId, address, freeSlots, totalSlots, formats, draining, false);
  }

  public WorkerInfo withFreeSlots(int free) {
    int clamped = Math.max(0, Math.min(totalSlots, free));
    return new WorkerInfo(nodeId, address, clamped, totalSlots, formats, draining, progress);
  }

  public WorkerInfo withDraining(boolean draining) {
    return new WorkerInfo(nodeId, address, freeSlots, totalSlots, formats, draining, progress);
  }

  /** Whether it can save {@code format} (an extension such as "webp"). */
  public boolean canSave(String format) {
    return formats.contains(format);
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("v", VERSION)
        .put("node", nodeId)
        .put("address", address)
        .put("free", freeSlots)
        .put("total", totalSlots)
        .put("formats", new JsonArray(new java.util.ArrayList<>(new TreeSet<>(formats))))
        .put("draining", draining)
        .put("progress", progress);
  }

  /** Reads an announcement; throws on a malformed one (the directory drops it). */
  static WorkerInfo fromJson(JsonObject json) {
    Set<String> formats = new TreeSet<>();
    for (Object f : json.getJsonArray("formats", new JsonArray())) {
      formats.add(String.valueOf(f));
    }
    return new WorkerInfo(json.getString("node"), json.getString("address"),
        json.getInteger("free"), json.getInteger("total"), formats,
        json.getBoolean("draining", false), json.getBoolean("progress", false));
  }
}
