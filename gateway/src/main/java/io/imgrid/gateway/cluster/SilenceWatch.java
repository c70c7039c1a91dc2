package io.imgrid.gateway.cluster;

import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.BusFormatException;
import io.imgrid.shared.bus.ProgressMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices, well within a request's deadline, that a job sent to a worker will not come back: the
 * worker fell silent (a frozen JVM, a dead container or host, whose sockets stay open and so
 * reset nothing), or it is alive and does not hold the job (the message was lost).
 *
 * <p>What it listens to: a worker that holds jobs of this gateway sends it a {@link
 * ProgressMessage} every {@value ProgressMessage#INTERVAL_MILLIS} ms naming them (to {@link
 * #address()}, which the dispatcher puts in each job's headers), and every worker announces itself
 * to every gateway every 500 ms ({@link #heard}). A job is given up on when, {@code silence}
 * after it was sent:
 *
 * <ul>
 *   <li>{@link Verdict#SILENT}: its worker's node said nothing at all for {@code silence}: no
 *       progress, no announcement; or
 *   <li>{@link Verdict#NOT_HELD}: its worker sent this gateway progress at least half a silence
 *       after the job was sent, and never named the job.
 * </ul>
 *
 * <p>Why a loaded worker is never given up on: its announcements and progress come from its event
 * loop, which libvips (on worker threads) never blocks, so only a stop-the-world pause longer than
 * the silence (default 2 s, eight intervals) could; and a job waiting in a worker's queue is
 * named in its progress like a running one. Why this gateway's own pauses never give one up:
 * the checks run every interval, and a check that finds the previous one more than four intervals
 * ago (this JVM was paused or starved, and the messages that arrived meanwhile are still queued)
 * judges nothing for a silence's worth. A worker that never sends progress (an older one) is
 * judged by its announcements alone, so it can only be found {@link Verdict#SILENT}. Thread-safe.
 */
public final class SilenceWatch {
  /** Why a job was given up on. */
  public enum Verdict {
    /** Its worker's node said nothing for the silence: frozen, or its host gone. */
    SILENT,
    /** Its worker is alive and does not hold it. */
    NOT_HELD
  }

  private static final Logger LOG = Logger.getLogger(SilenceWatch.class.getName());
  private static final long INTERVAL_NANOS =
      TimeUnit.MILLISECONDS.toNanos(ProgressMessage.INTERVAL_MILLIS);

  private final Vertx vertx;
  private final String address;
  private final long silenceNanos;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Watched> watched = new ConcurrentHashMap<>();
  /** Worker node → when it last said anything (progress or announcement). */
  private final Map<String, Long> heard = new ConcurrentHashMap<>();
  /** Worker node → when it last sent this gateway progress. */
  private final Map<String, Long> reported = new ConcurrentHashMap<>();
  private final MessageConsumer<Object> consumer;
  private final long timer;
  private volatile long lastCheck = System.nanoTime();
  private volatile long resumedAt = System.nanoTime();

  /**
   * Starts listening at once; see {@link #ready()}.
   *
   * @param nodeId this gateway's node id (its progress address is derived from it)
   * @param silence {@code IMGRID_WORKER_SILENCE_MS}
   */
  public SilenceWatch(Vertx vertx, String nodeId, Duration silence) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.address = Addresses.nodeProgress(nodeId);
    this.silenceNanos = silence.toNanos();
    if (silenceNanos < 4 * INTERVAL_NANOS) {
      throw new IllegalArgumentException("silence below four progress intervals: " + silence);
    }
    this.consumer = vertx.eventBus().consumer(address, this::progress);
    this.timer = vertx.setPeriodic(ProgressMessage.INTERVAL_MILLIS, id -> check());
  }

  /** Completes once workers can reach {@link #address()}. */
  public Future<Void> ready() {
    return consumer.completion();
  }

  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return consumer.unregister();
  }

  /** Where workers send this gateway progress. */
  public String address() {
    return address;
  }

  /** Worker node {@code nodeId} said something (an announcement). */
  public void heard(String nodeId) {
    heard.put(nodeId, System.nanoTime());
  }

  /** Node {@code nodeId} left the cluster: forget it. */
  public void forget(String nodeId) {
    heard.remove(nodeId);
    reported.remove(nodeId);
  }

  /**
   * Watches a job sent now to worker node {@code nodeId}; {@code onLost} runs (once, on an event
   * loop) if it is given up on before {@link Watched#done()}.
   */
  public Watched watch(String nodeId, Consumer<Verdict> onLost) {
    Watched w = new Watched(ids.incrementAndGet(), Objects.requireNonNull(nodeId, "nodeId"),
        System.nanoTime(), Objects.requireNonNull(onLost, "onLost"));
    watched.put(w.id, w);
    return w;
  }

  /** Jobs watched now. */
  public int watching() {
    return watched.size();
  }

  private void progress(Message<Object> message) {
    ProgressMessage progress;
    try {
      if (!(message.body() instanceof Buffer bytes)) {
        throw new BusFormatException("not progress bytes");
      }
      progress = ProgressMessage.fromBytes(bytes.getBytes());
    } catch (BusFormatException e) {
      LOG.log(Level.FINE, "dropping unreadable progress", e);
      return;
    }
    long now = System.nanoTime();
    String node = progress.workerNodeId();
    heard.put(node, now);
    reported.put(node, now);
    for (long id : progress.attempts()) {
      Watched w = watched.get(id);
      if (w != null && w.nodeId.equals(node)) {
        w.held = true;
      }
    }
  }

  private void check() {
    long now = System.nanoTime();
    if (now - lastCheck > 4 * INTERVAL_NANOS) {
      resumedAt = now; // this gateway was paused: what arrived meanwhile is still queued
    }
    lastCheck = now;
    for (Watched w : watched.values()) {
      Verdict verdict = verdict(w, now);
      if (verdict != null && watched.remove(w.id, w)) {
        w.onLost.accept(verdict);
      }
    }
  }

  private Verdict verdict(Watched w, long now) {
    long since = Math.max(w.sentAt, resumedAt);
    if (now - since <= silenceNanos) {
      return null;
    }
    Long lastWord = heard.get(w.nodeId);
    if (lastWord == null || now - Math.max(lastWord, since) > silenceNanos) {
      return Verdict.SILENT;
    }
    Long lastReport = reported.get(w.nodeId);
    if (!w.held && lastReport != null && lastReport - w.sentAt > silenceNanos / 2) {
      return Verdict.NOT_HELD;
    }
    return null;
  }

  /** One job being watched. */
  public final class Watched {
    final long id;
    final String nodeId;
    final long sentAt;
    final Consumer<Verdict> onLost;
    volatile boolean held;

    Watched(long id, String nodeId, long sentAt, Consumer<Verdict> onLost) {
      this.id = id;
      this.nodeId = nodeId;
      this.sentAt = sentAt;
      this.onLost = onLost;
    }

    /** The attempt id the worker names in its progress. */
    public long id() {
      return id;
    }

    /** The job came back (or failed otherwise): stop watching it. */
    public void done() {
      watched.remove(id, this);
    }
  }
}
