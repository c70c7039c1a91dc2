package io.imgrid.gateway.cluster;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker side of {@link WorkerDirectory}: publishes this worker's {@link WorkerInfo} every
 * {@code interval} and at once when its free slots or draining flag change, and a goodbye on
 * {@link #stop()} so gateways stop picking it before its node leaves. Thread-safe.
 *
 * <p>Every publish runs on the one context the announcer was made on, so they leave in order: a
 * periodic announcement read before the draining flag was set never overtakes the draining one,
 * and nothing follows the goodbye (which would put the worker back in a gateway's view).
 */
public final class WorkerAnnouncer {
  /** Half a second: a new gateway sees every worker within one interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);

  private final Vertx vertx;
  private final Context context;
  private final Duration interval;
  private final AtomicReference<WorkerInfo> current;
  private volatile long timer = -1;
  /** Set on {@link #context} by {@link #stop()}: nothing is published after the goodbye. */
  private boolean stopped;

  public WorkerAnnouncer(Vertx vertx, WorkerInfo initial, Duration interval) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.context = vertx.getOrCreateContext();
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial == null"));
    this.interval = Objects.requireNonNull(interval, "interval == null");
  }

  /** Announces now and then every interval. */
  public void start() {
    context.runOnContext(v -> {
      send();
      timer = vertx.setPeriodic(interval.toMillis(), id -> send());
    });
  }

  /** Says goodbye and stops announcing. */
  public void stop() {
    context.runOnContext(v -> {
      stopped = true;
      vertx.cancelTimer(timer);
      vertx.eventBus().publish(WorkerDirectory.ANNOUNCE_ADDRESS,
          new JsonObject().put("v", WorkerInfo.VERSION).put("gone", true)
              .put("address", current.get().address()));
    });
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
    context.runOnContext(v -> send());
  }

  /** On {@link #context}. */
  private void send() {
    if (!stopped) {
      vertx.eventBus().publish(WorkerDirectory.ANNOUNCE_ADDRESS, current.get().toJson());
    }
  }
}
