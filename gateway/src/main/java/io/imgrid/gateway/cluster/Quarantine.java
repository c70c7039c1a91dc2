package io.imgrid.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keys that took workers down. A key whose jobs were in flight on two different worker nodes
 * when those nodes left, with no success in between, is quarantined cluster-wide for the TTL, so
 * one poisoned image cannot kill the fleet in turn. Only node losses count: a slow job that
 * merely times out never does, and a key processed successfully after a loss is {@link
 * #forgive forgiven} (a poisoned image never succeeds; a popular one that happened to be in
 * flight on a worker that died for another reason does, and must not be one strike down).
 *
 * <p>The lookup sits on every request's path, so it is local: each instance keeps the quarantined
 * keys with their expiry in memory, fed by a cluster publish on {@link #ADDRESS} when a key is
 * quarantined anywhere. The cluster map {@value #QUARANTINE_MAP} (per-entry TTL, value = expiry
 * in epoch millis) stays the record for nodes that start later: each instance subscribes first,
 * then reads the map once, and answers lookups only after both (so nothing quarantined before it
 * started is missed). Losses are rare, so {@link #recordLoss} keeps using the cluster maps: the
 * first loss of a key stores the lost node's id in {@value #LOST_MAP}; a loss on another node
 * finds it there and quarantines the key.
 */
public final class Quarantine {
  static final String LOST_MAP = "imgrid.lost";
  static final String QUARANTINE_MAP = "imgrid.quarantine";
  /** Where a newly quarantined key is published to every gateway, as {key, until}. */
  static final String ADDRESS = "imgrid.quarantine.added";

  private static final Logger LOG = Logger.getLogger(Quarantine.class.getName());

  private final long ttlMillis;
  private final ClusterMetrics metrics;
  private final Vertx vertx;
  private final Future<AsyncMap<String, String>> lost;
  private final Future<AsyncMap<String, String>> quarantined;
  /** key → epoch millis until which it answers 422. */
  private final Map<String, Long> local = new ConcurrentHashMap<>();
  private final MessageConsumer<JsonObject> consumer;
  private final Future<Void> ready;

  public Quarantine(Vertx vertx, Duration ttl, ClusterMetrics metrics) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.ttlMillis = ttl.toMillis();
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    this.lost = vertx.sharedData().getAsyncMap(LOST_MAP);
    this.quarantined = vertx.sharedData().getAsyncMap(QUARANTINE_MAP);
    this.consumer = vertx.eventBus().consumer(ADDRESS, this::published);
    this.ready = consumer.completion()
        .compose(v -> quarantined)
        .compose(AsyncMap::entries)
        .<Void>map(entries -> {
          entries.forEach((key, until) -> remember(key, parseUntil(until)));
          return null;
        })
        .recover(e -> {
          // never fail every request over it: keys quarantined from now on still arrive
          LOG.log(Level.WARNING, "cannot read the quarantined keys; starting without them", e);
          return Future.succeededFuture();
        });
  }

  /** Completes once the keys quarantined before this instance started are known. */
  public Future<Void> ready() {
    return ready;
  }

  /** Whether {@code key} answers 422 now: a local lookup once {@link #ready()}. */
  public Future<Boolean> isQuarantined(String key) {
    if (ready.succeeded()) {
      return Future.succeededFuture(contains(key));
    }
    return ready.map(v -> contains(key));
  }

  /** Stops listening for keys quarantined elsewhere. */
  public Future<Void> stop() {
    return consumer.unregister();
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
      long until = System.currentTimeMillis() + ttlMillis;
      return quarantined.compose(q -> q.put(key, Long.toString(until), ttlMillis))
          .compose(v -> map.removeIfPresent(key, previous))
          .map(v -> {
            remember(key, until);
            vertx.eventBus().publish(ADDRESS, new JsonObject().put("key", key).put("until", until));
            metrics.quarantined();
            return true;
          });
    }));
  }

  /**
   * Clears {@code key}'s recorded loss after it was processed successfully. Best effort: a
   * failure is logged, and at worst the loss stays on record for its TTL.
   */
  public void forgive(String key) {
    lost.compose(map -> map.remove(key)).onFailure(e ->
        LOG.log(Level.FINE, "cannot clear the recorded loss of " + key, e));
  }

  private void published(Message<JsonObject> message) {
    try {
      JsonObject body = message.body();
      remember(Objects.requireNonNull(body.getString("key"), "key"), body.getLong("until"));
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "dropping a malformed quarantine message", e);
    }
  }

  private void remember(String key, long until) {
    local.merge(key, until, Math::max);
  }

  private boolean contains(String key) {
    Long until = local.get(key);
    if (until == null) {
      return false;
    }
    if (until > System.currentTimeMillis()) {
      return true;
    }
    local.remove(key, until);
    return false;
  }

  /** An entry written by an older node holds a node id: count it as fresh for one TTL. */
  private long parseUntil(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return System.currentTimeMillis() + ttlMillis;
    }
  }
}
