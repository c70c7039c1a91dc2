package io.imgrid.worker.job;

import io.imgrid.shared.bus.JobHandler;
import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.ResultMessage;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.imgrid.shared.error.LoadException;
import io.imgrid.shared.fetch.FetchRequest;
import io.imgrid.shared.fetch.FetchedSource;
import io.imgrid.shared.fetch.OriginHeaders;
import io.imgrid.shared.fetch.SourceFetcher;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.job.CanonicalOptions;
import io.imgrid.shared.info.InfoOptions;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.ImageProcessor;
import io.imgrid.worker.ProcessedImage;
import io.imgrid.worker.info.ImageInfoReader;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.pipeline.PhaseTimer;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The worker's side of one job: decode the options, fetch the source (the job's deadline, its
 * validators, the per-request byte cap), answer an origin 304 as "not modified", else run the
 * pipeline on the worker pool, never on the event loop, and reply with the image and the origin's
 * validators and caching headers for passthrough.
 *
 * <p>When the download fails and a fallback image is configured, the fallback is processed with
 * the request's options instead and the result carries the original failure's status (imgproxy
 * uses it only for download-stage errors, never for a broken image or a timeout).
 */
public final class WorkerJobHandler implements JobHandler {
  private static final Logger LOG = Logger.getLogger("imgrid.worker");
  /** The {@code Content-Type} of an {@code /info} answer. */
  public static final String INFO_CONTENT_TYPE = "application/json";

  private final SourceFetcher fetcher;
  private final ImageProcessor processor;
  private final WorkerExecutor executor;
  private final Optional<byte[]> fallback;
  private final ImageInfoReader info;
  private final JobSpans spans;

  /**
   * @param executor the named pool the pipeline runs on ({@code IMGPROXY_WORKERS} threads)
   * @param fallback the fallback image's bytes, loaded once at start, or empty
   */
  public WorkerJobHandler(
      SourceFetcher fetcher,
      ImageProcessor processor,
      WorkerExecutor executor,
      Optional<byte[]> fallback) {
    this(fetcher, processor, executor, fallback, JobSpans.off());
  }

  /** As the other constructor, with this worker's tracing. */
  public WorkerJobHandler(
      SourceFetcher fetcher,
      ImageProcessor processor,
      WorkerExecutor executor,
      Optional<byte[]> fallback,
      JobSpans spans) {
    this.spans = Objects.requireNonNull(spans, "spans == null");
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher == null");
    this.processor = Objects.requireNonNull(processor, "processor == null");
    this.executor = Objects.requireNonNull(executor, "executor == null");
    this.fallback = Objects.requireNonNull(fallback, "fallback == null");
    this.info = new ImageInfoReader(processor.capabilities());
  }

  @Override
  public Future<ResultMessage> handle(JobMessage job) {
    PhaseTimer timer = new PhaseTimer();
    Future<ResultMessage> result;
    if (InfoOptions.isInfo(job.optionsText())) {
      result = info(job, InfoOptions.decode(job.optionsText()), timer);
    } else {
      result = image(job, CanonicalOptions.decode(job.optionsText()), timer);
    }
    return result
        .map(r -> r.withTimings(timer.phases()))
        .andThen(ar -> spans.record(job, timer.startedEpochMicros(), timer.phases(),
            ar.failed() ? ar.cause() : null));
  }

  private Future<ResultMessage> image(JobMessage job, ProcessingOptions options, PhaseTimer timer) {
    AcceptBucket bucket = new AcceptBucket(job.acceptWebp(), job.acceptAvif(), job.acceptJxl());
    FetchRequest request = fetchRequest(job, options.limits().maxSrcFileSize());
    return fetch(job, request, timer)
        .transform(
            ar -> {
              if (ar.succeeded()) {
                return fetched(job, options, bucket, ar.result(), timer);
              }
              return downloadFailed(job, options, bucket, ar.cause(), timer);
            });
  }

  /** The source, timed as the {@code fetch} phase. */
  private Future<FetchedSource> fetch(JobMessage job, FetchRequest request, PhaseTimer timer) {
    long fetching = timer.start();
    return fetcher.fetch(job.sourceUrl(), request)
        .andThen(ar -> timer.end("fetch", fetching));
  }

  /**
   * An {@code /info} job: fetched as a processing job is (validators, byte cap, deadline; an
   * origin 304 answers 304), read on the worker pool, answered as JSON with the origin's
   * validators. No fallback image: a placeholder's facts would be wrong facts.
   */
  private Future<ResultMessage> info(JobMessage job, InfoOptions options, PhaseTimer timer) {
    FetchRequest request = fetchRequest(job, options.limits().maxSrcFileSize());
    long deadline = job.deadlineEpochMillis();
    return fetch(job, request, timer).compose(source -> {
      OriginHeaders h = source.headers();
      if (source.notModified()) {
        return Future.succeededFuture(
            ResultMessage.notModified(h.etag(), h.lastModified(), h.cacheControl(), h.expires()));
      }
      byte[] bytes = source.bytes();
      long submitted = timer.start();
      return executor.<byte[]>executeBlocking(() -> {
            timer.end("pool", submitted);
            return timer.time("read", () -> info.read(bytes, options, Deadline.at(deadline)));
          }, false)
          .map(json -> new ResultMessage(200, INFO_CONTENT_TYPE, json, 0, 0, 0, 0, h.etag(),
              h.lastModified(), h.cacheControl(), h.expires(), bytes.length));
    }).recover(e -> Future.failedFuture(InternalException.wrap(e)));
  }

  /** The job's deadline, validators and per-request byte cap (0: none). */
  private static FetchRequest fetchRequest(JobMessage job, long maxSrcFileSize) {
    return FetchRequest.process()
        .withDeadline(Instant.ofEpochMilli(job.deadlineEpochMillis()))
        .withConditionals(job.ifNoneMatch(), job.ifModifiedSince())
        .withMaxBytes(Math.max(0, maxSrcFileSize));
  }

  private Future<ResultMessage> fetched(
      JobMessage job, ProcessingOptions options, AcceptBucket bucket, FetchedSource source,
      PhaseTimer timer) {
    OriginHeaders h = source.headers();
    if (source.notModified()) {
      return Future.succeededFuture(
          ResultMessage.notModified(h.etag(), h.lastModified(), h.cacheControl(), h.expires()));
    }
    byte[] bytes = source.bytes();
    return process(job, bytes, options, bucket, timer)
        .map(
            p ->
                new ResultMessage(
                    200, p.contentType(), p.bytes(), p.width(), p.height(), p.originWidth(),
                    p.originHeight(), h.etag(), h.lastModified(), h.cacheControl(), h.expires(),
                    bytes.length));
  }

  private Future<ResultMessage> downloadFailed(
      JobMessage job, ProcessingOptions options, AcceptBucket bucket, Throwable cause,
      PhaseTimer timer) {
    ImgridException error = InternalException.wrap(cause);
    boolean downloadStage =
        !(error instanceof LoadException) && error.kind() != io.imgrid.shared.error.ErrorKind.INTERNAL;
    if (fallback.isEmpty() || !downloadStage) {
      return Future.failedFuture(error);
    }
    LOG.log(
        Level.INFO,
        "request {0}: serving the fallback image instead of {1} ({2})",
        new Object[] {job.requestId(), error.status(), error.detail()});
    byte[] bytes = fallback.get();
    return process(job, bytes, options, bucket, timer)
        .map(
            p ->
                new ResultMessage(
                        200, p.contentType(), p.bytes(), p.width(), p.height(), p.originWidth(),
                        p.originHeight(), null, null, null, null, bytes.length)
                    .asFallbackFor(error.status()));
  }

  /** Runs the pipeline on the worker pool (which releases libvips' per-thread state itself). */
  private Future<ProcessedImage> process(JobMessage job, byte[] source, ProcessingOptions options,
      AcceptBucket bucket, PhaseTimer timer) {
    long deadline = job.deadlineEpochMillis();
    long submitted = timer.start();
    return executor.executeBlocking(
        () -> {
          timer.end("pool", submitted);
          if (System.currentTimeMillis() >= deadline) {
            throw LoadException.timeout("deadline passed before processing");
          }
          return processor.process(source, options, bucket, Deadline.at(deadline), timer);
        },
        false);
  }
}
