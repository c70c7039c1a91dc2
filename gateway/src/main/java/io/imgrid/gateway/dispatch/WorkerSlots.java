package io.imgrid.gateway.dispatch;

import io.imgrid.shared.error.LoadException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * imgproxy's two semaphores: {@code IMGPROXY_WORKERS} jobs run at once, and
 * {@code IMGPROXY_REQUESTS_QUEUE_SIZE} more may wait (0 = unbounded). A request that finds the
 * queue full fails at once with 429; one whose deadline passes while queued or running fails with
 * 503 "Timeout". A slot is held until the job's own future completes, so a timed-out client never
 * lets more jobs run than there are slots.
 *
 * <p>Thread-safe: verticle instances on several event loops may share one. Each job starts, and
 * each outcome is delivered, on the context that submitted it.
 */
public final class WorkerSlots {
  private final Vertx vertx;
  private final int workers;
  private final int queueSize;
  private final Object lock = new Object();
  private final ArrayDeque<Waiter<?>> waiting = new ArrayDeque<>();
  private int running;

  public WorkerSlots(Vertx vertx, int workers, int queueSize) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    if (workers < 1) {
      throw new IllegalArgumentException("workers < 1: " + workers);
    }
    if (queueSize < 0) {
      throw new IllegalArgumentException("queueSize < 0: " + queueSize);
    }
    this.workers = workers;
    this.queueSize = queueSize;
  }

  /**
   * Runs {@code job} when a slot is free, within {@code deadlineEpochMillis}.
   *
   * @return the job's outcome, or a failed future: 429 (queue full) or 503 (deadline)
   */
  public <T> Future<T> submit(long deadlineEpochMillis, Supplier<Future<T>> job) {
    Objects.requireNonNull(job, "job == null");
    Context context = vertx.getOrCreateContext();
    Waiter<T> waiter = new Waiter<>(context, job, Promise.promise(), deadlineEpochMillis);
    long left = deadlineEpochMillis - System.currentTimeMillis();
    if (left <= 0) {
      return Future.failedFuture(LoadException.timeout("deadline passed before queueing"));
    }
    boolean startNow;
    synchronized (lock) {
      if (queueSize > 0 && running + waiting.size() >= workers + queueSize) {
        return Future.failedFuture(LoadException.tooManyRequests());
      }
      startNow = running < workers;
      if (startNow) {
        running++;
      } else {
        waiting.addLast(waiter);
      }
    }
    if (startNow) {
      context.runOnContext(v -> start(waiter));
    } else {
      context.runOnContext(
          v -> waiter.timer = vertx.setTimer(Math.max(1, left), t -> expire(waiter)));
    }
    return waiter.promise.future();
  }

  /** Jobs holding a slot now ({@code images_in_progress}). */
  public int running() {
    synchronized (lock) {
      return running;
    }
  }

  /** Requests waiting for a slot. */
  public int queued() {
    synchronized (lock) {
      return waiting.size();
    }
  }

  public int workers() {
    return workers;
  }

  private void expire(Waiter<?> waiter) {
    boolean removed;
    synchronized (lock) {
      removed = waiting.remove(waiter);
    }
    if (removed) {
      waiter.promise.tryFail(LoadException.timeout("deadline passed while queued"));
    }
  }

  private <T> void start(Waiter<T> waiter) {
    if (waiter.timer >= 0) {
      vertx.cancelTimer(waiter.timer);
    }
    long left = waiter.deadline - System.currentTimeMillis();
    if (left <= 0) {
      waiter.promise.tryFail(LoadException.timeout("deadline passed while queued"));
      release();
      return;
    }
    long timer =
        vertx.setTimer(
            left,
            t -> waiter.promise.tryFail(LoadException.timeout("deadline passed while processing")));
    Future<T> outcome;
    try {
      outcome = Objects.requireNonNull(waiter.job.get(), "job returned null");
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    outcome.onComplete(
        ar -> {
          vertx.cancelTimer(timer);
          release();
          if (ar.succeeded()) {
            waiter.promise.tryComplete(ar.result());
          } else {
            waiter.promise.tryFail(ar.cause());
          }
        });
  }

  /** Hands the freed slot to the oldest waiter, or returns it. */
  private void release() {
    Waiter<?> next;
    synchronized (lock) {
      next = waiting.pollFirst();
      if (next == null) {
        running--;
        return;
      }
    }
    Waiter<?> handed = next;
    handed.context.runOnContext(v -> start(handed));
  }

  /** Drops every waiter, failing it with 503 (used on shutdown). */
  public void clear() {
    ArrayDeque<Waiter<?>> dropped;
    synchronized (lock) {
      dropped = new ArrayDeque<>(waiting);
      waiting.clear();
    }
    for (Iterator<Waiter<?>> it = dropped.iterator(); it.hasNext(); ) {
      Waiter<?> w = it.next();
      w.context.runOnContext(v -> w.promise.tryFail(LoadException.timeout("server stopping")));
    }
  }

  private static final class Waiter<T> {
    final Context context;
    final Supplier<Future<T>> job;
    final Promise<T> promise;
    final long deadline;
    volatile long timer = -1;

    Waiter(Context context, Supplier<Future<T>> job, Promise<T> promise, long deadline) {
      this.context = context;
      this.job = job;
      this.promise = promise;
      this.deadline = deadline;
    }
  }
}
