package io.imgrid.gateway.cluster;

/**
 * The grid counters dispatch and dedup bump. The composition root backs them with Micrometer
 * ({@code imgrid_dispatch_retries_total}, {@code imgrid_dispatch_silent_total}, {@code
 * imgrid_quarantined_total},
 * {@code imgrid_dedup_leaders_total}, {@code imgrid_dedup_followers_total}); tests use
 * {@link #NOOP} or their own counting implementation. Implementations must be thread-safe.
 */
public interface ClusterMetrics {
  /** A job retried on another worker because its worker's node left mid-job. */
  void dispatchRetry();

  /**
   * A job given up on its worker because that worker fell silent (frozen, its host gone) or
   * said it does not hold the job; it is retried elsewhere like a job whose node left.
   */
  default void dispatchSilent() {}

  /** A key this node put into quarantine (its jobs were lost on two workers). */
  void quarantined();

  /** This node ran the work of a key on behalf of every identical request. */
  void dedupLeader();

  /** A request that waited for another request's result instead of running the work. */
  void dedupFollower();

  ClusterMetrics NOOP = new ClusterMetrics() {
    @Override
    public void dispatchRetry() {}

    @Override
    public void quarantined() {}

    @Override
    public void dedupLeader() {}

    @Override
    public void dedupFollower() {}
  };
}
