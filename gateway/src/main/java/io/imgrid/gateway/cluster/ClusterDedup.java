package io.imgrid.gateway.cluster;

import io.imgrid.shared.error.InternalException;
import io.imgrid.shared.error.LoadException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Collapses identical concurrent jobs, wherever in the cluster they arrive, into one run.
 *
 * <ul>
 *   <li>On one node, calls for the same key share one {@link Flight}.
 *   <li>Across nodes, a lease {@code key → leader token} claimed with {@code putIfAbsent} and a
 *       TTL elects one leader per key ({@link Leases}: sharded over the gateways, held in memory
 *       on the key's one holder). A token is {@code nodeId/flightId}, so a stale entry is never
 *       mistaken for a live flight.
 *   <li>A follower node asks the leader node's own address ({@link #address}) for the result;
 *       the leader answers every such request when its work ends, success or failure (as {@link
 *       BusFailures} codes), then drops its entry.
 *   <li>A follower whose leader's node leaves, or whose leader no longer knows the key, takes
 *       the lease over (a replace conditional on the stale token) and runs the work itself.
 * </ul>
 *
 * <p>Every caller waits at most until its own deadline; the work is owned by the flight, never by
 * a caller, so a client that goes away cancels nothing for the others. All callers of one key get
 * the same {@link Buffer}: treat it as read-only. Results cross the bus as bytes only.
 */
public final class ClusterDedup {
  private static final String ADDRESS_PREFIX = "imgrid.dedup.";
  /** How long a finished result still answers followers that were one step behind. */
  private static final long LATE_FOLLOWER_GRACE_MILLIS = 2_000;
  /** Election rounds before a flight stops looking for a leader and runs the work itself. */
  private static final int MAX_ROUNDS = 4;

  private final Vertx vertx;
  private final Membership membership;
  private final long leaseMillis;
  private final ClusterMetrics metrics;
  private final Leases leases;
  private final Map<String, Flight> flights = new ConcurrentHashMap<>();
  private final Map<String, Flight> recent = new ConcurrentHashMap<>();
  private volatile MessageConsumer<String> consumer;

  /**
   * @param lease how long a leader's claim on a key lasts without being released: the longest a
   *     job can take (e.g. {@code IMGPROXY_TIMEOUT}); frees keys whose leader died
   */
  public ClusterDedup(ClusterNode node, Duration lease, ClusterMetrics metrics) {
    this.vertx = node.vertx();
    this.membership = node.membership();
    this.leaseMillis = lease.toMillis();
    this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    if (!membership.leaseHolders().contains(membership.nodeId())) {
      throw new IllegalStateException(
          "a node that dedups must hold a share of the leases: start it withLeases()");
    }
    this.leases = new Leases(vertx, membership);
    membership.onNodeLeft(this::nodeLeft);
  }

  /** The address where the node {@code nodeId} answers followers. */
  public static String address(String nodeId) {
    return ADDRESS_PREFIX + nodeId;
  }

  /**
   * Starts answering followers and for this node's share of the leases; completes once both
   * addresses are known cluster-wide.
   */
  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(address(membership.nodeId()), this::asked);
    return Future.all(consumer.completion(), leases.start()).mapEmpty();
  }

  public Future<Void> stop() {
    MessageConsumer<String> c = consumer;
    return Future.all(c == null ? Future.succeededFuture() : c.unregister(), leases.stop())
        .mapEmpty();
  }

  /**
   * The result of {@code work} for {@code key}, run once for every identical call in flight
   * anywhere in the cluster.
   *
   * @param deadlineMillis when this caller gives up ({@link System#currentTimeMillis()} terms):
   *     it then fails with a 503 {@link LoadException}, while the work goes on for the others
   */
  public Future<Buffer> run(String key, long deadlineMillis, Supplier<Future<Buffer>> work) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(work, "work == null");
    boolean[] created = {false};
    Flight flight = flights.computeIfAbsent(key, k -> {
      created[0] = true;
      return new Flight(k, work);
    });
    if (created[0]) {
      elect(flight, 0);
    } else {
      metrics.dedupFollower();
    }
    return bounded(flight.result.future(), deadlineMillis);
  }

  /** Claims the lease, or finds the leader to follow. */
  private void elect(Flight flight, int round) {
    if (round >= MAX_ROUNDS) {
      lead(flight); // no stable leader to be found: better twice than never
      return;
    }
    leases.claim(flight.key, flight.token, leaseMillis)
        .onComplete(ar -> {
          if (ar.failed()) {
            lead(flight); // the key's lease holder is unreachable: run the work unshared
          } else if (ar.result() == null) {
            lead(flight);
          } else {
            follow(flight, ar.result(), round);
          }
        });
  }

  private void follow(Flight flight, String leaderToken, int round) {
    String leaderNode = nodeOf(leaderToken);
    if (leaderNode.equals(membership.nodeId()) || !membership.isMember(leaderNode)) {
      // a lease this node left behind, or one whose node is gone: never follow either
      takeOver(flight, leaderToken, round);
      return;
    }
    if (!flight.counted) {
      flight.counted = true;
      metrics.dedupFollower();
    }
    Promise<Buffer> answer = Promise.promise();
    flight.leaderNode = leaderNode;
    flight.waiting = answer;
    if (!membership.isMember(leaderNode)) {
      answer.tryFail(new LeaderLost());
    }
    vertx.eventBus().<Buffer>request(address(leaderNode), flight.key,
            new DeliveryOptions().setSendTimeout(leaseMillis))
        .map(Message::body)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            answer.tryComplete(ar.result());
          } else {
            answer.tryFail(ar.cause());
          }
        });
    answer.future().onComplete(ar -> {
      flight.leaderNode = null;
      Throwable cause = ar.cause();
      if (ar.succeeded() || BusFailures.decode(cause) != null) {
        finish(flight, ar.succeeded() ? ar : Future.failedFuture(BusFailures.decode(cause)));
      } else if (cause instanceof LeaderLost
          || BusFailures.isSignal(cause, BusFailures.NOT_LEADER)
          || cause instanceof ReplyException r && r.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
        takeOver(flight, leaderToken, round);
      } else {
        finish(flight, Future.failedFuture(InternalException.wrap(cause)));
      }
    });
  }

  /** Replaces a dead or finished leader's lease with ours, or follows whoever won it. */
  private void takeOver(Flight flight, String staleToken, int round) {
    leases.takeOver(flight.key, staleToken, flight.token, leaseMillis)
        .onComplete(ar -> {
          if (ar.succeeded() && ar.result()) {
            lead(flight);
          } else {
            elect(flight, round + 1);
          }
        });
  }

  private void lead(Flight flight) {
    metrics.dedupLeader();
    Future<Buffer> result;
    try {
      result = Objects.requireNonNull(flight.work.get(), "work returned null");
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    result.onComplete(ar -> {
      leases.release(flight.key, flight.token);
      finish(flight, ar);
    });
  }

  /** Completes the flight for every local caller and every follower node that asked. */
  private void finish(Flight flight, AsyncResult<Buffer> outcome) {
    recent.put(flight.key, flight);
    flights.remove(flight.key, flight);
    vertx.setTimer(LATE_FOLLOWER_GRACE_MILLIS, id -> recent.remove(flight.key, flight));
    if (outcome.succeeded()) {
      flight.result.tryComplete(outcome.result());
    } else {
      flight.result.tryFail(outcome.cause());
    }
    for (Message<String> asker : flight.drainAskers()) {
      answer(asker, flight);
    }
  }

  /** A follower node asks this node for a key's result. */
  private void asked(Message<String> message) {
    String key = message.body();
    Flight flight = flights.get(key);
    if (flight != null && flight.addAsker(message)) {
      return; // answered when the flight ends
    }
    Flight done = flight != null ? flight : recent.get(key);
    if (done != null && done.result.future().isComplete()) {
      answer(message, done);
    } else {
      message.fail(BusFailures.NOT_LEADER, "no flight for this key");
    }
  }

  private static void answer(Message<String> asker, Flight flight) {
    Future<Buffer> result = flight.result.future();
    if (result.succeeded()) {
      asker.reply(result.result());
    } else {
      BusFailures.fail(asker, result.cause());
    }
  }

  private void nodeLeft(String nodeId) {
    for (Flight flight : flights.values()) {
      Promise<Buffer> waiting = flight.waiting;
      if (nodeId.equals(flight.leaderNode) && waiting != null) {
        waiting.tryFail(new LeaderLost());
      }
    }
  }

  private static String nodeOf(String token) {
    int slash = token.lastIndexOf('/');
    return slash < 0 ? token : token.substring(0, slash);
  }

  /** {@code shared}, or a 503 at {@code deadlineMillis}, whichever comes first. */
  private Future<Buffer> bounded(Future<Buffer> shared, long deadlineMillis) {
    long remaining = deadlineMillis - System.currentTimeMillis();
    if (shared.isComplete()) {
      return shared;
    }
    if (remaining <= 0) {
      return Future.failedFuture(LoadException.timeout("deadline passed waiting for a result"));
    }
    Promise<Buffer> mine = Promise.promise();
    long timer = vertx.setTimer(remaining,
        id -> mine.tryFail(LoadException.timeout("timed out waiting for the shared result")));
    shared.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        mine.tryComplete(ar.result());
      } else {
        mine.tryFail(ar.cause());
      }
    });
    return mine.future();
  }

  /** One key's run on this node, shared by its local callers and by follower nodes. */
  private final class Flight {
    final String key;
    final Supplier<Future<Buffer>> work;
    final String token = membership.nodeId() + "/" + UUID.randomUUID();
    final Promise<Buffer> result = Promise.promise();
    private final List<Message<String>> askers = new ArrayList<>();
    private boolean askersDrained;
    volatile String leaderNode;
    volatile Promise<Buffer> waiting;
    volatile boolean counted;

    Flight(String key, Supplier<Future<Buffer>> work) {
      this.key = key;
      this.work = work;
    }

    synchronized boolean addAsker(Message<String> asker) {
      if (askersDrained) {
        return false;
      }
      askers.add(asker);
      return true;
    }

    synchronized List<Message<String>> drainAskers() {
      askersDrained = true;
      List<Message<String>> out = new ArrayList<>(askers);
      askers.clear();
      return out;
    }
  }

  /** Internal signal: the leader's node left the cluster. */
  private static final class LeaderLost extends RuntimeException {
    LeaderLost() {
      super("dedup leader's node left", null, false, false);
    }
  }
}
