package io.imgrid.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A gateway's live view of the workers, fed by their announcements.
 *
 * <p>Why announcements published on {@link #ANNOUNCE_ADDRESS} (every ~500 ms, and at once when a
 * slot frees or fills) rather than a Hazelcast map: slot counts change many times a second, and
 * a map would turn each change into a partition write plus an entry event per gateway; a publish
 * is one small message per gateway, needs no shared state, and a gateway that starts late has a
 * full view after one interval. A worker leaves the view when the cluster reports its node left
 * (or it announced its leave), when its announcements stop for {@code staleAfter}, or when it
 * says goodbye; one the dispatcher found silent with a job ({@link #suspect}) is out of the view
 * until it announces itself again.
 *
 * <p>Between announcements the view subtracts the slots this gateway took ({@link #reserve}), so
 * a burst spreads over workers instead of piling on the one that looked idlest. Thread-safe.
 */
public final class WorkerDirectory {
  /** Where workers publish their {@link WorkerInfo} as JSON. */
  public static final String ANNOUNCE_ADDRESS = "imgrid.workers.announce";

  private static final Logger LOG = Logger.getLogger(WorkerDirectory.class.getName());

  private final Vertx vertx;
  private final Membership membership;
  private final long staleAfterNanos;
  private final Map<String, Entry> workers = new ConcurrentHashMap<>();
  private final List<Runnable> capacityListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> heardListeners = new CopyOnWriteArrayList<>();
  /** Worker nodes given up on as silent: not picked until they announce themselves again. */
  private final Set<String> suspects = ConcurrentHashMap.newKeySet();
  private volatile MessageConsumer<JsonObject> consumer;
  private volatile long sweepTimer = -1;

  private record Entry(WorkerInfo info, long seenAt) {}

  /**
   * @param staleAfter drop a worker whose announcements stopped this long ago (a few intervals)
   */
  public WorkerDirectory(Vertx vertx, Membership membership, Duration staleAfter) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.membership = Objects.requireNonNull(membership, "membership == null");
    this.staleAfterNanos = staleAfter.toNanos();
    membership.onNodeLeft(this::nodeLeft);
  }

  /** Starts listening; completes once the subscription is known cluster-wide. */
  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(ANNOUNCE_ADDRESS, this::announced);
    long every = Math.max(100, Duration.ofNanos(staleAfterNanos).toMillis() / 2);
    sweepTimer = vertx.setPeriodic(every, id -> sweep());
    return consumer.completion();
  }

  public Future<Void> stop() {
    vertx.cancelTimer(sweepTimer);
    MessageConsumer<JsonObject> c = consumer;
    return c == null ? Future.succeededFuture() : c.unregister();
  }

  /** Called (on any thread) whenever a worker announces free slots: queued jobs may go now. */
  public void onCapacity(Runnable listener) {
    capacityListeners.add(listener);
  }

  /** Called (on any thread) with the node id of every worker announcement. */
  public void onHeard(Consumer<String> listener) {
    heardListeners.add(listener);
  }

  /**
   * The worker node {@code nodeId} fell silent with jobs of this gateway: it is neither picked
   * nor counted live until it announces itself again.
   */
  public void suspect(String nodeId) {
    suspects.add(nodeId);
  }

  /** Every live worker, draining ones included, suspects not. */
  public List<WorkerInfo> workers() {
    List<WorkerInfo> out = new ArrayList<>();
    long now = System.nanoTime();
    for (Entry e : workers.values()) {
      if (fresh(e, now) && !suspects.contains(e.info().nodeId())) {
        out.add(e.info());
      }
    }
    return out;
  }

  /**
   * The better of two random workers, by free slots, among the live, non-draining ones with a
   * free slot that {@code filter} accepts; empty when there is none (the caller queues).
   */
  public Optional<WorkerInfo> pick(Predicate<WorkerInfo> filter) {
    List<WorkerInfo> candidates = new ArrayList<>();
    long now = System.nanoTime();
    for (Entry e : workers.values()) {
      WorkerInfo w = e.info();
      if (fresh(e, now) && !w.draining() && w.freeSlots() > 0 && !suspects.contains(w.nodeId())
          && filter.test(w)) {
        candidates.add(w);
      }
    }
    if (candidates.isEmpty()) {
      return Optional.empty();
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    WorkerInfo first = candidates.get(random.nextInt(candidates.size()));
    if (candidates.size() == 1) {
      return Optional.of(first);
    }
    WorkerInfo second = first;
    while (second == first) {
      second = candidates.get(random.nextInt(candidates.size()));
    }
    return Optional.of(second.freeSlots() > first.freeSlots() ? second : first);
  }

  /** Counts one slot of {@code worker} as taken until its next announcement. */
  void reserve(WorkerInfo worker) {
    workers.computeIfPresent(worker.address(),
        (k, e) -> new Entry(e.info().withFreeSlots(e.info().freeSlots() - 1), e.seenAt()));
  }

  /** The worker answered busy: treat it as full until its next announcement. */
  void markFull(WorkerInfo worker) {
    workers.computeIfPresent(worker.address(),
        (k, e) -> new Entry(e.info().withFreeSlots(0), e.seenAt()));
  }

  private void announced(Message<JsonObject> message) {
    WorkerInfo info;
    try {
      JsonObject body = message.body();
      if (body.getBoolean("gone", false)) {
        workers.remove(body.getString("address", ""));
        return;
      }
      info = WorkerInfo.fromJson(body);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "dropping a malformed worker announcement", e);
      return;
    }
    if (!membership.isMember(info.nodeId())) {
      return; // a late message from a node that already left
    }
    workers.put(info.address(), new Entry(info, System.nanoTime()));
    suspects.remove(info.nodeId()); // it speaks again
    for (Consumer<String> listener : heardListeners) {
      listener.accept(info.nodeId());
    }
    if (info.freeSlots() > 0 && !info.draining()) {
      for (Runnable listener : capacityListeners) {
        listener.run();
      }
    }
  }

  private void nodeLeft(String nodeId) {
    workers.values().removeIf(e -> e.info().nodeId().equals(nodeId));
    suspects.remove(nodeId);
  }

  private void sweep() {
    long now = System.nanoTime();
    workers.values().removeIf(e -> !fresh(e, now));
  }

  private boolean fresh(Entry e, long now) {
    return now - e.seenAt() < staleAfterNanos;
  }
}
