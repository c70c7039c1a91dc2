package io.imgrid.gateway.cluster;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts what {@link ClusterMetrics} is told. */
final class CountingMetrics implements ClusterMetrics {
  final AtomicInteger retries = new AtomicInteger();
  final AtomicInteger silent = new AtomicInteger();
  final AtomicInteger quarantined = new AtomicInteger();
  final AtomicInteger leaders = new AtomicInteger();
  final AtomicInteger followers = new AtomicInteger();

  void reset() {
    retries.set(0);
    silent.set(0);
    quarantined.set(0);
    leaders.set(0);
    followers.set(0);
  }

  @Override
  public void dispatchRetry() {
    retries.incrementAndGet();
  }

  @Override
  public void dispatchSilent() {
    silent.incrementAndGet();
  }

  @Override
  public void quarantined() {
    quarantined.incrementAndGet();
  }

  @Override
  public void dedupLeader() {
    leaders.incrementAndGet();
  }

  @Override
  public void dedupFollower() {
    followers.incrementAndGet();
  }
}
