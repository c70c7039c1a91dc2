package io.imgrid.worker.job;

import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.JobReplies;
import io.imgrid.shared.fetch.SourceFetcher;
import io.imgrid.worker.ImageProcessor;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A worker: consumes jobs on one event-bus address ({@link Addresses#JOBS} in standalone mode)
 * and answers each with a result or a typed failure ({@link JobReplies}). The pipeline runs on a
 * named worker pool of {@code IMGPROXY_WORKERS} threads, so the event loop only moves bytes.
 *
 * <p>Register the bus codecs on the Vert.x instance before deploying, and initialise libvips.
 */
public final class WorkerVerticle extends VerticleBase {
  /** The name of the pool the pipeline runs on (visible in thread dumps and Vert.x metrics). */
  public static final String POOL_NAME = "imgrid-vips";

  private final String address;
  private final int workers;
  private final Duration maxExecuteTime;
  private final SourceFetcher fetcher;
  private final ImageProcessor processor;
  private final Optional<byte[]> fallback;
  private final JobSpans spans;
  private WorkerExecutor executor;
  private MessageConsumer<Object> consumer;

  /**
   * @param workers pool size ({@code IMGPROXY_WORKERS})
   * @param maxExecuteTime how long one job may hold a pool thread before Vert.x reports it
   *     blocked; the request deadline normally ends a job much earlier
   * @param fallback the fallback image (see {@link StartupImages#fallback}), or empty
   */
  public WorkerVerticle(
      String address,
      int workers,
      Duration maxExecuteTime,
      SourceFetcher fetcher,
      ImageProcessor processor,
      Optional<byte[]> fallback) {
    this(address, workers, maxExecuteTime, fetcher, processor, fallback, JobSpans.off());
  }

  /** As the other constructor, with the worker's tracing. */
  public WorkerVerticle(
      String address,
      int workers,
      Duration maxExecuteTime,
      SourceFetcher fetcher,
      ImageProcessor processor,
      Optional<byte[]> fallback,
      JobSpans spans) {
    this.spans = Objects.requireNonNull(spans, "spans == null");
    this.address = Objects.requireNonNull(address, "address == null");
    if (workers < 1) {
      throw new IllegalArgumentException("workers < 1: " + workers);
    }
    this.workers = workers;
    this.maxExecuteTime = Objects.requireNonNull(maxExecuteTime, "maxExecuteTime == null");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
    this.processor = Objects.requireNonNull(processor, "processor == null");
    this.fallback = Objects.requireNonNull(fallback, "fallback == null");
  }

  @Override
  public Future<?> start() {
    executor =
        vertx.createSharedWorkerExecutor(
            POOL_NAME, workers, maxExecuteTime.toMillis(), TimeUnit.MILLISECONDS);
    WorkerJobHandler handler = new WorkerJobHandler(fetcher, processor, executor, fallback, spans);
    consumer = vertx.eventBus().consumer(address, message -> JobReplies.serve(message, handler));
    return consumer.completion();
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.eventually(() -> executor == null ? Future.succeededFuture() : executor.close());
  }
}
