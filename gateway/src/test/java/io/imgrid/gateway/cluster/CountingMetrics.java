package io.imgrid.gateway.cluster;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts what {@link ClusterMetrics} is told. */
final class CountingMetrics implements ClusterMetrics {
  final AtomicInteger retries = new AtomicInteger();
  final AtomicInteger quarantined = new AtomicInteger();
  final AtomicInteger leaders = new AtomicInteger();
  final AtomicInteger followers = new AtomicInteger();

  @Override
  public void dispatchRetry() {
    retries.incrementAndGet();
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
