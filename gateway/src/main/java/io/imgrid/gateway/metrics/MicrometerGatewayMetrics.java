package io.imgrid.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * {@link GatewayMetrics} on a Micrometer registry, named so that the Prometheus registry prints
 * imgproxy's names ({@code requests_total}, {@code request_duration_seconds}, …) under
 * {@code IMGPROXY_PROMETHEUS_NAMESPACE}, and the grid's {@code imgrid_*} names unprefixed.
 * Histograms use Prometheus' default buckets, as imgproxy does.
 */
public final class MicrometerGatewayMetrics implements GatewayMetrics {
  /** Prometheus' default histogram buckets, in seconds. */
  static final double[] DEFAULT_BUCKETS = {
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  private final MeterRegistry registry;
  private final String prefix;
  private final Counter requests;
  private final Timer requestDuration;
  private final AtomicInteger inProgress = new AtomicInteger();
  private final Counter dedupLeaders;
  private final Counter dedupFollowers;
  private final Counter dispatchRetries;
  private final Counter dispatchSilent;
  private final Counter quarantined;

  /**
   * @param namespace {@code IMGPROXY_PROMETHEUS_NAMESPACE}, {@code ""} for none
   */
  public MicrometerGatewayMetrics(MeterRegistry registry, String namespace, GaugeSources gauges) {
    this.registry = Objects.requireNonNull(registry, "registry == null");
    Objects.requireNonNull(gauges, "gauges == null");
    this.prefix = namespace == null || namespace.isEmpty() ? "" : namespace + "_";
    this.requests = Counter.builder(prefix + "requests").description("Requests").register(registry);
    this.requestDuration = histogram(prefix + "request_duration", "Request duration").register(registry);
    gauge(prefix + "workers", "Configured workers", gauges.workers());
    gauge(prefix + "requests_in_progress", "Requests in progress", inProgress::get);
    gauge(prefix + "images_in_progress", "Images in progress", gauges.imagesInProgress());
    gauge(
        prefix + "workers_utilization",
        "Requests in progress / workers × 100",
        () -> {
          double w = gauges.workers().getAsDouble();
          return w <= 0 ? 0 : inProgress.get() / w * 100;
        });
    gauge(prefix + "vips_memory_bytes", "libvips memory", gauges.vipsMemoryBytes());
    gauge(prefix + "vips_max_memory_bytes", "libvips peak memory", gauges.vipsMaxMemoryBytes());
    gauge(prefix + "vips_allocs", "libvips allocations", gauges.vipsAllocs());

    this.dedupLeaders = Counter.builder("imgrid_dedup_leaders").register(registry);
    this.dedupFollowers = Counter.builder("imgrid_dedup_followers").register(registry);
    this.dispatchRetries = Counter.builder("imgrid_dispatch_retries").register(registry);
    this.dispatchSilent = Counter.builder("imgrid_dispatch_silent")
        .description("Jobs given up on a worker that fell silent, then retried")
        .register(registry);
    this.quarantined = Counter.builder("imgrid_quarantined").register(registry);
    Counter.builder("imgrid_jobs").tag("worker", "none").register(registry);
    gauge("imgrid_workers", "Workers seen in the cluster", gauges.gridWorkers());
    gauge("imgrid_worker_free_slots", "Free slots across workers", gauges.gridWorkerFreeSlots());
    gauge("imgrid_cluster_members", "Cluster members", gauges.clusterMembers());
  }

  private static Timer.Builder histogram(String name, String description) {
    Duration[] slos = new Duration[DEFAULT_BUCKETS.length];
    for (int i = 0; i < slos.length; i++) {
      slos[i] = Duration.ofNanos((long) (DEFAULT_BUCKETS[i] * 1e9));
    }
    return Timer.builder(name).description(description).serviceLevelObjectives(slos);
  }

  private void gauge(String name, String description, DoubleSupplier value) {
    Gauge.builder(name, value::getAsDouble).description(description).register(registry);
  }

  @Override
  public void requestStarted() {
    requests.increment();
    inProgress.incrementAndGet();
  }

  @Override
  public void requestFinished(int status, long durationNanos) {
    inProgress.decrementAndGet();
    Counter.builder(prefix + "status_codes")
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
    requestDuration.record(durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void error(String type) {
    if ("cancelled".equals(type)) {
      return;
    }
    Counter.builder(prefix + "errors").tag("type", type).register(registry).increment();
  }

  @Override
  public void span(String span, long durationNanos) {
    histogram(prefix + "request_span_duration", "Request span duration")
        .tag("span", span)
        .register(registry)
        .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void jobRun(String worker) {
    Counter.builder("imgrid_jobs").tag("worker", worker).register(registry).increment();
  }

  @Override
  public void dedupLeader() {
    dedupLeaders.increment();
  }

  @Override
  public void dedupFollower() {
    dedupFollowers.increment();
  }

  @Override
  public void dispatchRetry() {
    dispatchRetries.increment();
  }

  @Override
  public void dispatchSilent() {
    dispatchSilent.increment();
  }

  @Override
  public void quarantined() {
    quarantined.increment();
  }
}
