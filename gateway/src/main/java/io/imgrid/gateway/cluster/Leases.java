package io.imgrid.gateway.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The dedup leases ({@code key → leader token}, with a TTL), sharded over the nodes that hold
 * them: every gateway with dedup on ({@link Membership#leaseHolders()}). A key's lease lives on
 * one holder, chosen by rendezvous hashing of the key over the holders' node ids, so every
 * gateway that sees the same holders asks the same one. That holder answers from its own {@link
 * LeaseTable}: at once, in memory, when it is this node; over one event-bus round trip to {@link
 * #address} otherwise.
 *
 * <p>Why not a Hazelcast map: the claim is on every request's path, and a map partition can live
 * on any member, workers included. Measured on a 2-vCPU VM, a claim on the {@code IMap} took
 * ~1 ms at the median (IO and partition threads on both members, then back onto the caller's
 * event loop) and loaded the workers' CPUs; a bus round trip to a gateway is ~0.3 ms, and with
 * one gateway nothing leaves the JVM.
 *
 * <p>When a holder leaves, its leases go with it (as an {@code IMap} without backups would lose
 * a member's partitions): the next identical request elects a new leader on the key's new
 * holder while the old leader may still be running, so a key can run twice while gateways join
 * or leave. Followers of a lost leader take over as before. A holder that cannot be reached
 * fails the call, and the caller runs its work unshared. Thread-safe.
 */
final class Leases {
  /** Wire version of the lease messages; a holder answers any other {@link BusFailures#UNREADABLE}. */
  static final int VERSION = 1;
  private static final String ADDRESS_PREFIX = "imgrid.leases.";
  /** A holder that does not answer a claim within this long is treated as unreachable. */
  private static final long ASK_TIMEOUT_MILLIS = 2_000;
  private static final long SWEEP_MILLIS = 5_000;

  private final Vertx vertx;
  private final Membership membership;
  private final LeaseTable table = new LeaseTable();
  private volatile MessageConsumer<JsonObject> consumer;
  private volatile long sweepTimer = -1;

  Leases(Vertx vertx, Membership membership) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.membership = Objects.requireNonNull(membership, "membership == null");
  }

  /** Where the node {@code nodeId} answers for its shard of the leases. */
  static String address(String nodeId) {
    return ADDRESS_PREFIX + nodeId;
  }

  /** Starts answering for this node's shard; completes once the address is known cluster-wide. */
  Future<Void> start() {
    consumer = vertx.eventBus().consumer(address(membership.nodeId()), this::asked);
    sweepTimer = vertx.setPeriodic(SWEEP_MILLIS, id -> table.sweep());
    return consumer.completion();
  }

  Future<Void> stop() {
    vertx.cancelTimer(sweepTimer);
    MessageConsumer<JsonObject> c = consumer;
    return c == null ? Future.succeededFuture() : c.unregister();
  }

  /** {@code putIfAbsent} with a TTL: null when {@code token} won, else the holder's token. */
  Future<String> claim(String key, String token, long ttlMillis) {
    String holder = holderOf(key);
    if (holder.equals(membership.nodeId())) {
      return Future.succeededFuture(table.claim(key, token, ttlMillis));
    }
    return ask(holder, request("claim", key, token, ttlMillis))
        .map(reply -> reply.getString("leader"));
  }

  /** Replaces {@code stale} with {@code token} (a fresh TTL); false if someone else holds it. */
  Future<Boolean> takeOver(String key, String stale, String token, long ttlMillis) {
    String holder = holderOf(key);
    if (holder.equals(membership.nodeId())) {
      return Future.succeededFuture(table.takeOver(key, stale, token, ttlMillis));
    }
    return ask(holder, request("takeOver", key, token, ttlMillis).put("stale", stale))
        .map(reply -> reply.getBoolean("replaced", false));
  }

  /** Drops the lease if {@code token} still holds it; does not wait (the TTL is the net). */
  void release(String key, String token) {
    String holder = holderOf(key);
    if (holder.equals(membership.nodeId())) {
      table.release(key, token);
    } else {
      vertx.eventBus().send(address(holder), request("release", key, token, 0));
    }
  }

  /**
   * The holder of {@code key}'s lease: the highest {@link #score} among the holders, or this
   * node when it sees none (it then dedups only its own requests).
   */
  String holderOf(String key) {
    return holderOf(key, membership.leaseHolders(), membership.nodeId());
  }

  static String holderOf(String key, List<String> holders, String self) {
    long keyHash = hash(key);
    String best = null;
    long bestScore = 0;
    for (String node : holders) {
      long score = score(keyHash, node);
      if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
        best = node;
        bestScore = score;
      }
    }
    return best == null ? self : best;
  }

  /** Rendezvous weight of {@code node} for a key: a 64-bit mix of both hashes. */
  static long score(long keyHash, String node) {
    return mix(keyHash ^ mix(hash(node)));
  }

  private static JsonObject request(String op, String key, String token, long ttlMillis) {
    return new JsonObject().put("v", VERSION).put("op", op).put("key", key).put("token", token)
        .put("ttl", ttlMillis);
  }

  private Future<JsonObject> ask(String holder, JsonObject request) {
    return vertx.eventBus()
        .<JsonObject>request(address(holder), request,
            new DeliveryOptions().setSendTimeout(ASK_TIMEOUT_MILLIS))
        .map(Message::body);
  }

  /** Another gateway asks this node's shard. */
  private void asked(Message<JsonObject> message) {
    JsonObject body = message.body();
    String key;
    String token;
    String op;
    try {
      if (body.getInteger("v", -1) != VERSION) {
        throw new IllegalArgumentException("lease message version " + body.getValue("v"));
      }
      op = Objects.requireNonNull(body.getString("op"), "op");
      key = Objects.requireNonNull(body.getString("key"), "key");
      token = Objects.requireNonNull(body.getString("token"), "token");
    } catch (RuntimeException e) {
      message.fail(BusFailures.UNREADABLE, "unreadable lease message: " + e.getMessage());
      return;
    }
    switch (op) {
      case "claim" -> message.reply(new JsonObject()
          .put("leader", table.claim(key, token, body.getLong("ttl", 0L))));
      case "takeOver" -> message.reply(new JsonObject().put("replaced",
          table.takeOver(key, body.getString("stale", ""), token, body.getLong("ttl", 0L))));
      case "release" -> table.release(key, token);
      default -> message.fail(BusFailures.UNREADABLE, "unknown lease operation " + op);
    }
  }

  /** 64-bit FNV-1a over the UTF-8 bytes: every gateway computes the same value. */
  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** SplitMix64's finaliser: spreads FNV's weak low bits over all 64. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
