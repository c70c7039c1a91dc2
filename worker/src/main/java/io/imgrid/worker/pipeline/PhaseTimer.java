package io.imgrid.worker.pipeline;

import io.imgrid.shared.bus.Timing;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The phases of one job on a worker (fetch, pool, load, process, save), timed with the monotonic
 * clock and placed on the wall clock by one reading taken when the job arrived. The phases run
 * one after another, handed from the event loop to a pool thread and back through futures;
 * the methods are synchronized so each hand-over sees the phases before it.
 *
 * <p>Timing is always on: a few {@code nanoTime} calls per job, far below a millisecond. libvips
 * is demand-driven, so {@code load} and {@code process} mostly build the image graph and the
 * pixels are decoded and computed in {@code save}.
 */
public final class PhaseTimer {
  private final long originEpochMicros = System.currentTimeMillis() * 1000;
  private final long originNanos = System.nanoTime();
  private final List<Timing> phases = new ArrayList<>();

  /** When this timer was made (the job's arrival), microseconds since the epoch. */
  public long startedEpochMicros() {
    return originEpochMicros;
  }

  /** A reading to pass to {@link #end} when the phase is over. */
  public long start() {
    return System.nanoTime();
  }

  /** Records phase {@code name} from {@code startNanos} (a {@link #start()} reading) to now. */
  public synchronized void end(String name, long startNanos) {
    if (phases.size() >= Timing.MAX_PER_RESULT) {
      return;
    }
    long now = System.nanoTime();
    phases.add(new Timing(name, originEpochMicros + (startNanos - originNanos) / 1000,
        Math.max(0, (now - startNanos) / 1000)));
  }

  /** Runs {@code work} as phase {@code name}; a phase that throws is recorded all the same. */
  public <T> T time(String name, Supplier<T> work) {
    long t0 = start();
    try {
      return work.get();
    } finally {
      end(name, t0);
    }
  }

  /** The phases recorded so far, in order. */
  public synchronized List<Timing> phases() {
    return List.copyOf(phases);
  }
}
