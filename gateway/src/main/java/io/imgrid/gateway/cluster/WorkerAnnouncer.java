package io.imgrid.gateway.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker side of {@link WorkerDirectory}: publishes this worker's {@link WorkerInfo} every
 * {@code interval} and at once when its free slots or draining flag change, and a goodbye on
 * {@link #stop()} so gateways stop picking it before its node leaves. Thread-safe.
 */
public final class WorkerAnnouncer {
  /** Half a second: a new gateway sees every worker within one interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

  private final Vertx vertx;
  private final Duration interval;
  private final AtomicReference<WorkerInfo> current;
  private volatile long timer = -1;

  public WorkerAnnouncer(Vertx vertx, WorkerInfo initial, Duration interval) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial == null"));
    this.interval = Objects.requireNonNull(interval, "interval == null");
  }

  /** Announces now and then every interval. */
  public void start() {
    publish();
    timer = vertx.setPeriodic(interval.toMillis(), id -> publish());
  }

  /** Says goodbye and stops announcing. */
  public void stop() {
    vertx.cancelTimer(timer);
    vertx.eventBus().publish(WorkerDirectory.ANNOUNCE_ADDRESS,
        new JsonObject().put("v", WorkerInfo.VERSION).put("gone", true)
            .put("address", current.get().address()));
  }

  /** Sets the free slots, announcing at once when they changed. */
  public void freeSlots(int free) {
    WorkerInfo before = current.getAndUpdate(w -> w.withFreeSlots(free));
    if (before.freeSlots() != current.get().freeSlots()) {
      publish();
    }
  }

  /** Marks the worker draining (or not), announcing at once. */
  public void draining(boolean draining) {
    current.updateAndGet(w -> w.withDraining(draining));
    publish();
  }

  public WorkerInfo current() {
    return current.get();
  }

  private void publish() {
    vertx.eventBus().publish(WorkerDirectory.ANNOUNCE_ADDRESS, current.get().toJson());
  }
}
