package io.imgrid.gateway.cluster;

import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.BusFormatException;
import io.imgrid.shared.bus.LeavingMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Leave notices ({@link LeavingMessage}) between nodes: {@link #announce()} tells every other
 * member that this node leaves, each one acknowledging (or not, within {@link
 * #ACK_TIMEOUT_MILLIS}: a frozen member must not hold a shutdown up); a notice received marks its
 * sender departed in the {@link HazelcastMembership} at once and runs the node-left listeners
 * {@link #SETTLE_MILLIS} later. See {@link HazelcastMembership} for why Hazelcast's own view is
 * too slow for this between containers.
 */
final class LeaveNotices {
  /** How long a leaving node waits for each acknowledgement. */
  static final long ACK_TIMEOUT_MILLIS = 500;
  /**
   * Between a notice and the node-left listeners: replies the node sent before its notice
   * travel on the same connection but are handled on other event loops; this lets them land, so
   * a drained worker's last results are not mistaken for jobs lost with it.
   */
  static final long SETTLE_MILLIS = 250;

  private static final Logger LOG = Logger.getLogger(LeaveNotices.class.getName());

  private final Vertx vertx;
  private final HazelcastMembership membership;
  private final AtomicBoolean announced = new AtomicBoolean();
  private volatile MessageConsumer<Object> consumer;

  LeaveNotices(Vertx vertx, HazelcastMembership membership) {
    this.vertx = vertx;
    this.membership = membership;
  }

  /** Starts listening for other nodes' notices; completes once known cluster-wide. */
  Future<Void> start() {
    consumer = vertx.eventBus().consumer(Addresses.nodeLeaving(membership.nodeId()),
        this::received);
    return consumer.completion();
  }

  /**
   * Tells every other member this node leaves; completes (never fails) once all answered. Only
   * the first call sends anything.
   */
  Future<Void> announce() {
    if (!announced.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    List<String> others;
    try {
      others = membership.others();
    } catch (RuntimeException e) {
      return Future.succeededFuture(); // Hazelcast already stopped: nobody to tell
    }
    Buffer notice = Buffer.buffer(new LeavingMessage(membership.nodeId()).toBytes());
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(ACK_TIMEOUT_MILLIS);
    List<Future<?>> acks = new ArrayList<>();
    for (String other : others) {
      acks.add(vertx.eventBus().request(Addresses.nodeLeaving(other), notice, options)
          .onFailure(e -> LOG.log(Level.FINE, "no acknowledgement of the leave from " + other, e)));
    }
    MessageConsumer<Object> c = consumer;
    return Future.join(acks)
        .transform(ar -> c == null ? Future.<Void>succeededFuture() : c.unregister())
        .otherwiseEmpty();
  }

  private void received(Message<Object> message) {
    LeavingMessage notice;
    try {
      Object body = message.body();
      if (!(body instanceof Buffer bytes)) {
        throw new BusFormatException("not a notice's bytes");
      }
      notice = LeavingMessage.fromBytes(bytes.getBytes());
    } catch (BusFormatException e) {
      message.fail(BusFailures.UNREADABLE, e.getMessage());
      return;
    }
    String id = notice.nodeId();
    membership.leaving(id);
    message.reply(Buffer.buffer());
    vertx.setTimer(SETTLE_MILLIS, t -> membership.noticeSettled(id));
  }
}
