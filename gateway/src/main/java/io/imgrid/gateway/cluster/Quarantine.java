package io.imgrid.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.util.Objects;

/**
 * Keys that took workers down. A key whose jobs were in flight on two different worker nodes
 * when those nodes left is quarantined cluster-wide for the TTL, so one poisoned image cannot
 * kill the fleet in turn. Only node losses count: a slow job that merely times out never does.
 *
 * <p>Both maps are cluster {@link AsyncMap}s with per-entry TTL (Hazelcast IMaps underneath, or
 * local maps in standalone), holding only strings. The first loss of a key stores the lost
 * node's id; a loss on another node finds it there, quarantines the key and clears the record.
 */
public final class Quarantine {
  static final String LOST_MAP = "imgrid.lost";
  static final String QUARANTINE_MAP = "imgrid.quarantine";

  private final long ttlMillis;
  private final ClusterMetrics metrics;
  private final Future<AsyncMap<String, String>> lost;
  private final Future<AsyncMap<String, String>> quarantined;

  public Quarantine(Vertx vertx, Duration ttl, ClusterMetrics metrics) {
    this.ttlMillis = ttl.toMillis();
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    this.lost = vertx.sharedData().getAsyncMap(LOST_MAP);
    this.quarantined = vertx.sharedData().getAsyncMap(QUARANTINE_MAP);
  }

  public Future<Boolean> isQuarantined(String key) {
    return quarantined.compose(map -> map.get(key)).map(v -> v != null);
  }

  /**
   * Records that {@code key} was in flight on {@code nodeId} when that node left.
   *
   * @return whether the key is quarantined now
   */
  public Future<Boolean> recordLoss(String key, String nodeId) {
    return lost.compose(map -> map.putIfAbsent(key, nodeId, ttlMillis).compose(previous -> {
      if (previous == null || previous.equals(nodeId)) {
        return isQuarantined(key);
      }
      return quarantined.compose(q -> q.put(key, nodeId, ttlMillis))
          .compose(v -> map.removeIfPresent(key, previous))
          .map(v -> {
            metrics.quarantined();
            return true;
          });
    }));
  }
}
