package io.imgrid.gateway.cluster;

import io.imgrid.shared.config.ClusterConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.imgrid.shared.error.LoadException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Sends each job to one worker, load-aware, and gets its result back, surviving full workers and
 * workers that die.
 *
 * <ul>
 *   <li>A worker is chosen by {@link WorkerDirectory#pick}; a job is sent to its own address with
 *       a send timeout ending at the request's deadline.
 *   <li>A worker answering {@link BusFailures#BUSY} counts as full and another is tried at once;
 *       one that cannot read the message ({@link BusFailures#UNREADABLE}) or has no consumer is
 *       excluded for this job.
 *   <li>When no worker has a free slot, the job waits in this gateway's queue (bounded by {@code
 *       queueSize}, 0 = unbounded as imgproxy's {@code IMGPROXY_REQUESTS_QUEUE_SIZE}): a full
 *       queue answers 429 at once, a deadline that passes answers 503.
 *   <li>Jobs in flight are tracked per worker node: when the cluster reports that node left (or
 *       it announced its leave), they fail over at once, once per job; the loss is recorded in
 *       the {@link Quarantine} and a key lost on two workers answers 422 ({@link
 *       ErrorKind#QUARANTINED}). A retry that succeeds clears the key's loss: a worker that died
 *       under load does not mark every key it had in flight for the next unrelated loss. The
 *       record is waited for at most {@value #LOSS_RECORD_WAIT_MILLIS} ms: its map partition may
 *       live on the very member that froze, and then answers only once Hazelcast drops it.
 *   <li>A worker that goes silent does not reset its sockets (a frozen JVM, a container or host
 *       gone), so nothing above notices it before the member timeout. A {@link SilenceWatch}
 *       gives its jobs up after {@code IMGRID_WORKER_SILENCE_MS} (2 s): they fail over as if its
 *       node left, and the worker is {@link WorkerDirectory#suspect suspect} until it speaks
 *       again. A job a live worker says it does not hold is sent again, once, without blame.
 * </ul>
 *
 * <p>The job and the result are opaque {@link Buffer}s; a worker fails a job with {@link
 * BusFailures#fail}. Thread-safe.
 */
public final class Dispatcher {
  /** Header naming the job key, for the worker's logs. */
  public static final String KEY_HEADER = "imgrid-key";
  /** Header with the attempt id a worker names in its progress. */
  public static final String ATTEMPT_HEADER = "imgrid-attempt";
  /** Header with the address a worker sends progress on the job to. */
  public static final String PROGRESS_HEADER = "imgrid-progress";
  /** The longest a retry waits for the cluster to record the loss that caused it. */
  static final long LOSS_RECORD_WAIT_MILLIS = 500;

  private final Vertx vertx;
  private final Membership membership;
  private final WorkerDirectory directory;
  private final Quarantine quarantine;
  private final int queueSize;
  private final ClusterMetrics metrics;
  private final SilenceWatch watch;
  private final Deque<Job> queue = new ArrayDeque<>();
  private final Map<String, Set<Attempt>> inFlight = new ConcurrentHashMap<>();

  /** As below with the default {@code IMGRID_WORKER_SILENCE_MS}. */
  public Dispatcher(Vertx vertx, Membership membership, WorkerDirectory directory,
      Quarantine quarantine, int queueSize, ClusterMetrics metrics) {
    this(vertx, membership, directory, quarantine, queueSize, metrics,
        ClusterConfig.DEFAULT_WORKER_SILENCE);
  }

  /**
   * @param queueSize how many jobs may wait for a free worker slot; 0 = unbounded
   * @param silence {@code IMGRID_WORKER_SILENCE_MS}: a job whose worker said nothing this long is
   *     given up on and retried elsewhere
   */
  public Dispatcher(Vertx vertx, Membership membership, WorkerDirectory directory,
      Quarantine quarantine, int queueSize, ClusterMetrics metrics, Duration silence) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.membership = Objects.requireNonNull(membership, "membership == null");
    this.directory = Objects.requireNonNull(directory, "directory == null");
    this.quarantine = Objects.requireNonNull(quarantine, "quarantine == null");
    if (queueSize < 0) {
      throw new IllegalArgumentException("queueSize < 0: " + queueSize);
    }
    this.queueSize = queueSize;
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    this.watch = new SilenceWatch(vertx, membership.nodeId(), silence);
    membership.onNodeLeft(this::nodeLeft);
    directory.onCapacity(this::drain);
    directory.onHeard(watch::heard);
  }

  /** Completes once workers can send this gateway progress on its jobs. */
  public Future<Void> ready() {
    return watch.ready();
  }

  /** Stops watching for silent workers. */
  public Future<Void> stop() {
    return watch.stop();
  }

  /** {@link #dispatch(String, Buffer, long, Predicate)} to any worker. */
  public Future<Buffer> dispatch(String jobKey, Buffer job, long deadlineMillis) {
    return dispatch(jobKey, job, deadlineMillis, w -> true);
  }

  /**
   * Runs {@code job} on a worker {@code filter} accepts (e.g. one that can save the requested
   * format).
   *
   * @param deadlineMillis when the request gives up, in {@link System#currentTimeMillis()} terms
   * @return the worker's reply body, or an {@link ImgridException}: the worker's own failure,
   *     429/503 {@link LoadException}, or 422 {@link ErrorKind#QUARANTINED}
   */
  public Future<Buffer> dispatch(String jobKey, Buffer job, long deadlineMillis,
      Predicate<WorkerInfo> filter) {
    long remaining = deadlineMillis - System.currentTimeMillis();
    if (remaining <= 0) {
      return Future.failedFuture(LoadException.timeout("deadline passed before dispatch"));
    }
    Job j = new Job(jobKey, job, deadlineMillis, filter);
    j.timer = vertx.setTimer(remaining, id -> j.fail(LoadException.timeout(
        "timed out " + (j.queued ? "in the queue" : "processing"))));
    quarantine.isQuarantined(jobKey).onComplete(ar -> {
      if (ar.failed()) {
        j.fail(InternalException.wrap(ar.cause()));
      } else if (ar.result()) {
        j.fail(quarantined(jobKey));
      } else {
        acquire(j, false);
      }
    });
    return j.result.future();
  }

  /** Jobs waiting for a free worker slot on this gateway. */
  public int queued() {
    synchronized (queue) {
      return queue.size();
    }
  }

  /** Sends {@code job} to a worker now, or queues it. */
  private void acquire(Job job, boolean admitted) {
    if (job.done()) {
      return;
    }
    Optional<WorkerInfo> worker = directory.pick(job.eligible());
    if (worker.isPresent()) {
      directory.reserve(worker.get());
      send(job, worker.get());
      return;
    }
    boolean full;
    synchronized (queue) {
      full = !admitted && queueSize > 0 && queue.size() >= queueSize;
      if (!full) {
        job.queued = true;
        queue.addLast(job);
      }
    }
    if (full) {
      job.fail(LoadException.tooManyRequests());
      return;
    }
    drain(); // a slot may have come free while we queued
  }

  /** Sends queued jobs, oldest first, to workers with free slots. */
  private void drain() {
    List<Object[]> ready = new ArrayList<>();
    synchronized (queue) {
      for (Iterator<Job> it = queue.iterator(); it.hasNext(); ) {
        Job job = it.next();
        if (job.done()) {
          it.remove();
          continue;
        }
        Optional<WorkerInfo> worker = directory.pick(job.eligible());
        if (worker.isPresent()) {
          it.remove();
          job.queued = false;
          directory.reserve(worker.get());
          ready.add(new Object[] {job, worker.get()});
        }
      }
    }
    for (Object[] pair : ready) {
      send((Job) pair[0], (WorkerInfo) pair[1]);
    }
  }

  private void send(Job job, WorkerInfo worker) {
    long remaining = job.deadline - System.currentTimeMillis();
    if (remaining <= 0) {
      job.fail(LoadException.timeout("timed out before sending"));
      return;
    }
    Attempt attempt = new Attempt();
    inFlight.computeIfAbsent(worker.nodeId(), n -> ConcurrentHashMap.newKeySet()).add(attempt);
    attempt.outcome.future().onComplete(ar -> {
      Set<Attempt> onNode = inFlight.get(worker.nodeId());
      if (onNode != null) {
        onNode.remove(attempt);
      }
      settle(job, worker, ar);
    });
    if (!membership.isMember(worker.nodeId())) {
      attempt.outcome.tryFail(new WorkerLost(worker.nodeId()));
      return;
    }
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(remaining)
        .addHeader(KEY_HEADER, job.key);
    SilenceWatch.Watched watched = watch.watch(worker.nodeId(),
        verdict -> attempt.outcome.tryFail(new WorkerSilent(worker.nodeId(), verdict)));
    attempt.outcome.future().onComplete(ar -> watched.done());
    if (worker.progress()) { // an older worker is judged by its announcements alone
      options.addHeader(ATTEMPT_HEADER, Long.toString(watched.id()))
          .addHeader(PROGRESS_HEADER, watch.address());
    }
    vertx.eventBus().<Buffer>request(worker.address(), job.body, options)
        .map(Message::body)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            attempt.outcome.tryComplete(ar.result());
          } else {
            attempt.outcome.tryFail(ar.cause());
          }
        });
  }

  private void settle(Job job, WorkerInfo worker, AsyncResult<Buffer> ar) {
    if (ar.succeeded()) {
      if (job.losses > 0) {
        quarantine.forgive(job.key); // the key is fine after all: its loss was the worker's
      }
      job.succeed(ar.result());
      return;
    }
    Throwable cause = ar.cause();
    if (cause instanceof WorkerLost) {
      lost(job, worker);
    } else if (cause instanceof WorkerSilent silent) {
      metrics.dispatchSilent();
      if (silent.verdict == SilenceWatch.Verdict.SILENT) {
        directory.suspect(worker.nodeId());
        lost(job, worker);
      } else {
        dropped(job);
      }
    } else if (BusFailures.isSignal(cause, BusFailures.BUSY)) {
      directory.markFull(worker);
      acquire(job, true);
    } else if (BusFailures.isSignal(cause, BusFailures.UNREADABLE)
        || isFailure(cause, ReplyFailure.NO_HANDLERS)) {
      job.excluded.add(worker.address());
      acquire(job, true);
    } else if (isFailure(cause, ReplyFailure.TIMEOUT)) {
      job.fail(LoadException.timeout("no reply from worker " + worker.address()));
    } else {
      ImgridException decoded = BusFailures.decode(cause);
      job.fail(decoded != null ? decoded : InternalException.wrap(cause));
    }
  }

  /**
   * The worker's node left (or fell silent) with {@code job} in flight: record it, then retry
   * once.
   */
  private void lost(Job job, WorkerInfo worker) {
    job.excluded.add(worker.address());
    Promise<Boolean> recorded = Promise.promise();
    long wait = vertx.setTimer(LOSS_RECORD_WAIT_MILLIS, id -> recorded.tryComplete(false));
    quarantine.recordLoss(job.key, worker.nodeId()).onComplete(ar -> {
      vertx.cancelTimer(wait);
      recorded.tryComplete(ar.succeeded() && ar.result());
    });
    recorded.future().onSuccess(quarantined -> {
      if (quarantined || job.losses > 0) {
        job.fail(quarantined(job.key));
      } else {
        job.losses = 1;
        metrics.dispatchRetry();
        acquire(job, true);
      }
    });
  }

  /** A live worker does not hold {@code job}: send it again, once, blaming no one. */
  private void dropped(Job job) {
    if (job.drops > 0) {
      job.fail(LoadException.timeout("workers lost the job twice"));
      return;
    }
    job.drops = 1;
    metrics.dispatchRetry();
    acquire(job, true);
  }

  private void nodeLeft(String nodeId) {
    watch.forget(nodeId);
    Set<Attempt> attempts = inFlight.remove(nodeId);
    if (attempts != null) {
      for (Attempt attempt : attempts) {
        attempt.outcome.tryFail(new WorkerLost(nodeId));
      }
    }
  }

  private static boolean isFailure(Throwable t, ReplyFailure type) {
    return t instanceof ReplyException r && r.failureType() == type;
  }

  private static ImageException quarantined(String key) {
    return new ImageException(ErrorKind.QUARANTINED, "key quarantined: " + key, null);
  }

  /** One request's progress through the grid. */
  private final class Job {
    final String key;
    final Buffer body;
    final long deadline;
    final Predicate<WorkerInfo> filter;
    final Promise<Buffer> result = Promise.promise();
    final Set<String> excluded = ConcurrentHashMap.newKeySet();
    volatile long timer;
    volatile boolean queued;
    volatile int losses;
    volatile int drops;

    Job(String key, Buffer body, long deadline, Predicate<WorkerInfo> filter) {
      this.key = key;
      this.body = body;
      this.deadline = deadline;
      this.filter = filter;
    }

    Predicate<WorkerInfo> eligible() {
      return w -> !excluded.contains(w.address()) && filter.test(w);
    }

    boolean done() {
      return result.future().isComplete();
    }

    void succeed(Buffer value) {
      if (result.tryComplete(value)) {
        vertx.cancelTimer(timer);
      }
    }

    void fail(Throwable failure) {
      if (result.tryFail(failure)) {
        vertx.cancelTimer(timer);
        synchronized (queue) {
          queue.remove(this);
        }
      }
    }
  }

  /** One send of a job to one worker; fails with {@link WorkerLost} if the node leaves. */
  private static final class Attempt {
    final Promise<Buffer> outcome = Promise.promise();
  }

  /** Internal signal: the {@link SilenceWatch} gave the job up on its worker. */
  private static final class WorkerSilent extends RuntimeException {
    final SilenceWatch.Verdict verdict;

    WorkerSilent(String nodeId, SilenceWatch.Verdict verdict) {
      super("worker " + nodeId + ": " + verdict, null, false, false);
      this.verdict = verdict;
    }
  }

  /** Internal signal: the worker's node left the cluster with the job in flight. */
  private static final class WorkerLost extends RuntimeException {
    WorkerLost(String nodeId) {
      super("worker node left: " + nodeId, null, false, false);
    }
  }
}
