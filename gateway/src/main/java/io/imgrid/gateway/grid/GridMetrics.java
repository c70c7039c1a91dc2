package io.imgrid.gateway.grid;

import io.imgrid.gateway.cluster.ClusterMetrics;
import io.imgrid.gateway.metrics.GatewayMetrics;
import java.util.Objects;

/**
 * The cluster machinery's counters on the gateway's metrics ({@code imgrid_dedup_leaders_total},
 * {@code imgrid_dedup_followers_total}, {@code imgrid_dispatch_retries_total}, {@code
 * imgrid_dispatch_silent_total}, {@code imgrid_quarantined_total}): the cluster package stays
 * free of Micrometer.
 */
public final class GridMetrics implements ClusterMetrics {
  private final GatewayMetrics metrics;

  public GridMetrics(GatewayMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
  }

  @Override
  public void dispatchRetry() {
    metrics.dispatchRetry();
  }

  @Override
  public void dispatchSilent() {
    metrics.dispatchSilent();
  }

  @Override
  public void quarantined() {
    metrics.quarantined();
  }

  @Override
  public void dedupLeader() {
    metrics.dedupLeader();
  }

  @Override
  public void dedupFollower() {
    metrics.dedupFollower();
  }
}
