package io.imgrid.gateway.grid;

import io.imgrid.gateway.cluster.ClusterDedup;
import io.imgrid.gateway.cluster.Dispatcher;
import io.imgrid.gateway.cluster.WorkerInfo;
import io.imgrid.gateway.dispatch.JobDispatcher;
import io.imgrid.shared.bus.BusFormatException;
import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.ResultMessage;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.LoadException;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.job.CanonicalOptions;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The grid's {@link JobDispatcher}: identical jobs anywhere in the cluster run once ({@link
 * ClusterDedup}, keyed by the job key), and each run goes to one worker picked by the {@link
 * Dispatcher} (load-aware, busy → another, retried once if its node leaves).
 *
 * <p>Jobs and results cross the bus as their versioned bytes ({@link JobMessage#toBytes()},
 * {@link ResultMessage#toBytes()}); failures arrive as {@link
 * io.imgrid.gateway.cluster.BusFailures} codes the dispatcher already turned into {@link
 * io.imgrid.shared.error.ImgridException}s. Every waiter of a key gets the same result bytes and
 * decodes its own {@link ResultMessage}, so the HTTP layer builds per-request headers as usual.
 *
 * <p>A job that names an output format only goes to workers that announced they can save it;
 * without dedup ({@code IMGRID_DEDUP=false}) each request dispatches on its own.
 */
public final class ClusteredDispatcher implements JobDispatcher {
  /**
   * The dispatch span's attribute saying whether this request ran the job ({@code leader}) or
   * shared another's ({@code follower}, whose trace has no worker spans of its own).
   */
  static final String DEDUP_ATTRIBUTE = "imgrid.dedup";

  private final ClusterDedup dedup;
  private final Dispatcher dispatcher;

  /**
   * @param dedup the cluster-wide collapser, or null to dispatch every request on its own
   */
  public ClusteredDispatcher(ClusterDedup dedup, Dispatcher dispatcher) {
    this.dedup = dedup;
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher == null");
  }

  @Override
  public Future<ResultMessage> dispatch(JobMessage job) {
    Future<Buffer> shared;
    if (dedup == null) {
      shared = run(job);
    } else {
      Span span = Span.current(); // the request's dispatch span when traced
      boolean[] led = {false};
      shared = dedup.run(job.jobKey(), job.deadlineEpochMillis(), () -> {
        led[0] = true;
        return run(job);
      }).andThen(ar -> span.setAttribute(DEDUP_ATTRIBUTE, led[0] ? "leader" : "follower"));
    }
    return shared.compose(ClusteredDispatcher::decode);
  }

  private Future<Buffer> run(JobMessage job) {
    Predicate<WorkerInfo> filter;
    try {
      filter = canSave(CanonicalOptions.decode(job.optionsText()).format());
    } catch (RuntimeException e) {
      filter = w -> true; // the worker decodes the options too and answers the failure
    }
    return dispatcher.dispatch(
        job.jobKey(), Buffer.buffer(job.toBytes()), job.deadlineEpochMillis(), filter);
  }

  /** Workers that can save {@code format}; any worker when the job names none. */
  static Predicate<WorkerInfo> canSave(ImageFormat format) {
    if (format == null) {
      return w -> true;
    }
    String name = format.urlName();
    return w -> w.canSave(name);
  }

  private static Future<ResultMessage> decode(Buffer bytes) {
    try {
      return Future.succeededFuture(ResultMessage.fromBytes(bytes.getBytes()));
    } catch (BusFormatException e) {
      return Future.failedFuture(new LoadException(ErrorKind.BUS_INCOMPATIBLE,
          "unreadable result from a worker: " + e.getMessage()));
    }
  }
}
