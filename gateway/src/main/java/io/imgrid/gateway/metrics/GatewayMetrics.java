package io.imgrid.gateway.metrics;

/**
 * What the gateway counts, in imgproxy's terms (contract §7) plus the grid's own (design
 * "Nodes, ports and settings"). Gauges are read from suppliers when scraped; see
 * {@link MicrometerGatewayMetrics}. Tests that do not look at metrics use {@link #NOOP}.
 */
public interface GatewayMetrics {
  GatewayMetrics NOOP = new GatewayMetrics() {};

  /** A processing request arrived ({@code requests_total}, {@code requests_in_progress}). */
  default void requestStarted() {}

  /**
   * A processing request was answered ({@code status_codes_total},
   * {@code request_duration_seconds}, {@code requests_in_progress}).
   */
  default void requestFinished(int status, long durationNanos) {}

  /** A failure of {@code errors_total{type}}; cancellations are not counted. */
  default void error(String type) {}

  /**
   * A timed stage of a request ({@code request_span_duration_seconds{span}}): {@code queue},
   * {@code processing_image}, …
   */
  default void span(String span, long durationNanos) {}

  /** An encode ran on {@code worker} ({@code imgrid_jobs_total}). */
  default void jobRun(String worker) {}

  default void dedupLeader() {}

  default void dedupFollower() {}

  default void dispatchRetry() {}

  default void dispatchSilent() {}

  default void quarantined() {}
}
