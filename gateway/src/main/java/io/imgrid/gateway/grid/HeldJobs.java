package io.imgrid.gateway.grid;

import io.imgrid.gateway.cluster.Dispatcher;
import io.imgrid.shared.bus.ProgressMessage;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A worker's word to the gateways about the jobs it holds: every {@value
 * ProgressMessage#INTERVAL_MILLIS} ms, one {@link ProgressMessage} to each gateway with jobs here,
 * naming them by the attempt ids the gateway put in their headers, from the moment a job takes a
 * slot until its reply is sent, queued for the executor or running alike. A job shorter than an
 * interval may never be named; its reply says enough. Jobs whose gateway asked for no progress
 * (an older gateway) are not tracked. Thread-safe.
 */
public final class HeldJobs {
  /** Progress goes only to a gateway's own progress address. */
  private static final Pattern PROGRESS_ADDRESS =
      Pattern.compile("imgrid\\.node\\.[A-Za-z0-9_.:-]+\\.progress");
  private static final Runnable NOTHING = () -> {};

  private final Vertx vertx;
  private final String nodeId;
  /** Progress address → attempt ids held for that gateway. */
  private final Map<String, Set<Long>> held = new ConcurrentHashMap<>();
  private volatile long timer = -1;

  public HeldJobs(Vertx vertx, String nodeId) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId == null");
  }

  public void start() {
    timer = vertx.setPeriodic(ProgressMessage.INTERVAL_MILLIS, id -> report());
  }

  public void stop() {
    vertx.cancelTimer(timer);
  }

  /**
   * Holds the job with these headers until the returned action runs (run it once its reply is
   * sent); a job that asked for no progress, or for it somewhere odd, is not held.
   */
  public Runnable hold(MultiMap headers) {
    String address = headers.get(Dispatcher.PROGRESS_HEADER);
    String attempt = headers.get(Dispatcher.ATTEMPT_HEADER);
    if (address == null || attempt == null || !PROGRESS_ADDRESS.matcher(address).matches()) {
      return NOTHING;
    }
    long id;
    try {
      id = Long.parseLong(attempt);
    } catch (NumberFormatException e) {
      return NOTHING;
    }
    Set<Long> ids = held.compute(address, (a, s) -> {
      Set<Long> set = s != null ? s : ConcurrentHashMap.newKeySet();
      set.add(id);
      return set;
    });
    return () -> ids.remove(id);
  }

  /** Jobs held now, over every gateway. */
  public int size() {
    return held.values().stream().mapToInt(Set::size).sum();
  }

  private void report() {
    for (Map.Entry<String, Set<Long>> e : held.entrySet()) {
      long[] ids = e.getValue().stream().mapToLong(Long::longValue).toArray();
      if (ids.length == 0) {
        // dropped only while still empty: a hold racing this keeps its set
        held.computeIfPresent(e.getKey(), (a, s) -> s.isEmpty() ? null : s);
        continue;
      }
      vertx.eventBus().send(e.getKey(),
          Buffer.buffer(new ProgressMessage(nodeId, ids).toBytes()));
    }
  }
}
