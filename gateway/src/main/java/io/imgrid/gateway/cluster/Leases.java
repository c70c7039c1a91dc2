package io.imgrid.gateway.cluster;

import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The dedup leases ({@code key → leader token}, with a TTL) on the Hazelcast {@link IMap}
 * itself rather than through Vert.x's {@code AsyncMap}, because the claim is on every request's
 * path: Vert.x runs a TTL'd {@code putIfAbsent} as a blocking call on a worker thread (one more
 * thread hop and a parked thread per request), while Hazelcast's member proxy has a true
 * asynchronous {@code putIfAbsentAsync} whose result comes back on the caller's Vert.x context.
 *
 * <p>The take-over and the release are conditional on the token (never drop a successor's
 * lease) and have no asynchronous form in the public API; they are rare or off the request's
 * path (the release is fire-and-forget: the TTL frees a key if it is lost), so they run as
 * blocking calls on a worker thread.
 */
final class Leases {
  private final Vertx vertx;
  private final IMap<String, String> map;

  Leases(Vertx vertx, IMap<String, String> map) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.map = Objects.requireNonNull(map, "map == null");
  }

  /** {@code putIfAbsent} with a TTL: null when {@code token} won, else the holder's token. */
  Future<String> claim(String key, String token, long ttlMillis) {
    if (map instanceof MapProxyImpl<String, String> proxy) {
      return Future.fromCompletionStage(
          proxy.putIfAbsentAsync(key, token, ttlMillis, TimeUnit.MILLISECONDS),
          vertx.getOrCreateContext());
    }
    return vertx.executeBlocking(
        () -> map.putIfAbsent(key, token, ttlMillis, TimeUnit.MILLISECONDS), false);
  }

  /** Replaces {@code stale} with {@code token} (a fresh TTL); false if someone else holds it. */
  Future<Boolean> takeOver(String key, String stale, String token, long ttlMillis) {
    return vertx.executeBlocking(() -> {
      if (!map.replace(key, stale, token)) {
        return false;
      }
      map.setTtl(key, ttlMillis, TimeUnit.MILLISECONDS);
      return true;
    }, false);
  }

  /** Drops the lease if {@code token} still holds it; does not wait for the outcome. */
  void release(String key, String token) {
    vertx.executeBlocking(() -> map.remove(key, token), false);
  }
}
