package io.imgrid.gateway.cluster;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One gateway's shard of the dedup leases: {@code key → leader token}, each with its own
 * expiry. An expired lease counts as absent, so a key whose leader died is free again after its
 * TTL even if nobody {@link #sweep sweeps}. Thread-safe (every operation holds the table's lock
 * for a map lookup or two).
 */
final class LeaseTable {
  private final LongSupplier nanoClock;
  private final Map<String, Lease> leases = new HashMap<>();

  private record Lease(String token, long expiresAtNanos) {}

  LeaseTable() {
    this(System::nanoTime);
  }

  LeaseTable(LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock == null");
  }

  /** Stores {@code token} unless a live lease holds the key: null when it won, else the holder. */
  synchronized String claim(String key, String token, long ttlMillis) {
    long now = nanoClock.getAsLong();
    Lease held = leases.get(key);
    if (held != null && live(held, now)) {
      return held.token();
    }
    leases.put(key, new Lease(token, expiry(now, ttlMillis)));
    return null;
  }

  /** Replaces the lease {@code stale} holds (live or expired) with {@code token}; false if not. */
  synchronized boolean takeOver(String key, String stale, String token, long ttlMillis) {
    Lease held = leases.get(key);
    if (held == null || !held.token().equals(stale)) {
      return false;
    }
    leases.put(key, new Lease(token, expiry(nanoClock.getAsLong(), ttlMillis)));
    return true;
  }

  /** Drops the key's lease if {@code token} holds it. */
  synchronized void release(String key, String token) {
    Lease held = leases.get(key);
    if (held != null && held.token().equals(token)) {
      leases.remove(key);
    }
  }

  /** Drops every expired lease (released ones are gone already): bounds the table's memory. */
  synchronized void sweep() {
    long now = nanoClock.getAsLong();
    for (Iterator<Lease> it = leases.values().iterator(); it.hasNext(); ) {
      if (!live(it.next(), now)) {
        it.remove();
      }
    }
  }

  synchronized int size() {
    return leases.size();
  }

  private static boolean live(Lease lease, long now) {
    return now - lease.expiresAtNanos() < 0;
  }

  private static long expiry(long now, long ttlMillis) {
    return now + Math.max(1, ttlMillis) * 1_000_000L;
  }
}
