package io.imgrid.gateway.grid;

import io.imgrid.gateway.cluster.BusFailures;
import io.imgrid.gateway.cluster.WorkerAnnouncer;
import io.imgrid.gateway.cluster.WorkerInfo;
import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.BusFormatException;
import io.imgrid.shared.bus.JobHandler;
import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.ResultMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker node's side of the grid: consumes jobs on its own {@link Addresses#workerJobs}
 * address with {@code slots} slots ({@code IMGPROXY_WORKERS}) and announces its free slots and
 * savable formats with a {@link WorkerAnnouncer}.
 *
 * <ul>
 *   <li>A message this node cannot read (another wire version, malformed, not bytes) is answered
 *       {@link BusFailures#UNREADABLE} at once, so the gateway picks another worker.
 *   <li>A job that finds every slot taken (or the node draining) is answered {@link
 *       BusFailures#BUSY} at once: the gateway's view was stale, it tries another worker.
 *   <li>Otherwise the {@link JobHandler} runs; the reply is the result's bytes, or its failure
 *       as a {@link BusFailures} code. Until the reply, the job is named in this worker's
 *       progress to its gateway ({@link HeldJobs}), so the gateway can tell it from a job on a
 *       worker that fell silent.
 * </ul>
 *
 * <p>It holds no libvips type: the composition root hands in the handler and the formats, so
 * this class also serves tests with stand-in handlers. Thread-safe.
 */
public final class ClusteredWorker {
  /** The least time a draining worker keeps answering (busy) before it stops consuming. */
  static final Duration MIN_DRAIN_GRACE = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final String address;
  private final int slots;
  private final JobHandler handler;
  private final WorkerAnnouncer announcer;
  private final HeldJobs held;
  private final Duration drainGrace;
  private final AtomicInteger running = new AtomicInteger();
  private final Promise<Void> idle = Promise.promise();
  private volatile boolean draining;
  private volatile MessageConsumer<Object> consumer;

  /**
   * @param formats output formats this node can save, by URL name ("webp", "avif"…)
   * @param announceInterval how often to announce (see {@link WorkerAnnouncer#DEFAULT_INTERVAL})
   */
  public ClusteredWorker(Vertx vertx, String nodeId, int slots, Set<String> formats,
      JobHandler handler, Duration announceInterval) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    if (slots < 1) {
      throw new IllegalArgumentException("slots < 1: " + slots);
    }
    this.slots = slots;
    this.handler = Objects.requireNonNull(handler, "handler == null");
    this.address = Addresses.workerJobs(nodeId);
    this.announcer = new WorkerAnnouncer(vertx,
        new WorkerInfo(nodeId, address, slots, slots, formats, false, true), announceInterval);
    this.held = new HeldJobs(vertx, nodeId);
    this.drainGrace = announceInterval.multipliedBy(2).compareTo(MIN_DRAIN_GRACE) > 0
        ? announceInterval.multipliedBy(2) : MIN_DRAIN_GRACE;
  }

  /** Starts consuming, then announces; completes once the consumer is known cluster-wide. */
  public Future<Void> start() {
    consumer = vertx.eventBus().consumer(address, this::handle);
    return consumer.completion().onSuccess(v -> {
      held.start();
      announcer.start();
    });
  }

  public String address() {
    return address;
  }

  /** Jobs holding a slot now. */
  public int running() {
    return running.get();
  }

  public int slots() {
    return slots;
  }

  /**
   * Graceful stop: announces draining (gateways stop picking this node), answers new jobs busy,
   * lets the running ones finish within {@code timeout}, then says goodbye and stops consuming.
   * Completes when that is done (or the timeout passed); the caller then leaves the cluster.
   *
   * <p>It keeps consuming (and answering busy) for at least two announce intervals, and at least
   * {@link #MIN_DRAIN_GRACE}, after the draining announcement, unless {@code timeout} is shorter:
   * a gateway that picked this node just before it heard the news must get "busy" (and pick
   * another) rather than a job dropped by a consumer already gone, which it could only time out.
   */
  public Future<Void> drain(Duration timeout) {
    draining = true;
    announcer.draining(true);
    if (running.get() == 0) {
      idle.tryComplete();
    }
    long timeoutMillis = Math.max(1, timeout.toMillis());
    Promise<Void> waited = Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, id -> waited.tryComplete());
    idle.future().onComplete(ar -> {
      vertx.cancelTimer(timer);
      waited.tryComplete();
    });
    Promise<Void> grace = Promise.promise();
    vertx.setTimer(Math.min(timeoutMillis, drainGrace.toMillis()), id -> grace.tryComplete());
    return Future.all(waited.future(), grace.future()).compose(v -> {
      held.stop();
      announcer.stop();
      MessageConsumer<Object> c = consumer;
      return c == null ? Future.succeededFuture() : c.unregister();
    });
  }

  private void handle(Message<Object> message) {
    JobMessage job;
    try {
      Object body = message.body();
      if (!(body instanceof Buffer)) {
        throw new BusFormatException("not a job's bytes: "
            + (body == null ? "null" : body.getClass().getName()));
      }
      job = JobMessage.fromBytes(((Buffer) body).getBytes());
    } catch (BusFormatException e) {
      message.fail(BusFailures.UNREADABLE, e.getMessage());
      return;
    }
    if (draining || running.incrementAndGet() > slots) {
      if (!draining) {
        running.decrementAndGet();
      }
      message.fail(BusFailures.BUSY, draining ? "draining" : "no free slot");
      return;
    }
    Runnable release = held.hold(message.headers());
    Future<ResultMessage> outcome;
    try {
      outcome = Objects.requireNonNull(handler.handle(job), "job handler returned null");
    } catch (RuntimeException e) {
      outcome = Future.failedFuture(e);
    }
    // announce once the job's work is under way and after its reply: the gateways' views need
    // the change, the job does not wait for it
    announcer.freeSlots(slots - running.get());
    outcome.onComplete(ar -> {
      try {
        if (ar.succeeded()) {
          message.reply(Buffer.buffer(ar.result().toBytes()));
        } else {
          BusFailures.fail(message, ar.cause());
        }
      } finally {
        release.run();
        int now = running.decrementAndGet(); // the slot comes back whatever the reply did
        announcer.freeSlots(slots - now);
        if (now == 0 && draining) {
          idle.tryComplete();
        }
      }
    });
  }
}
