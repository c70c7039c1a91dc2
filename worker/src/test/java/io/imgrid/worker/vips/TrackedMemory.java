package io.imgrid.worker.vips;

import static org.assertj.core.api.Assertions.fail;

/**
 * Reads libvips' tracked memory in tests without racing its worker threads.
 *
 * <p>{@code vips_tracked_get_mem} is process-wide. A libvips evaluation runs on pool threads, and
 * each pool thread frees its per-thread buffers ({@code vips_thread_shutdown} at the end of its
 * task, in {@code vips_thread_main_loop}) <em>after</em> it has told the calling thread that the
 * work is done. So right after a save returns, a few hundred KB of buffers may still be in
 * flight on a pool thread for a few microseconds to milliseconds: a single reading is not a
 * baseline. Memory that a job really leaks never comes back, so "eventually at most the baseline"
 * is deterministic and still fails on a leak.
 */
public final class TrackedMemory {
  private TrackedMemory() {}

  /** A tracked-memory and allocation-count pair. */
  public record Reading(long bytes, int allocs) {
    boolean atMost(Reading other) {
      return bytes <= other.bytes && allocs <= other.allocs;
    }
  }

  public static Reading now() {
    return new Reading(Vips.trackedMemory(), Vips.trackedAllocs());
  }

  /** The reading once it has stayed the same for 100 ms (pool threads have finished). */
  public static Reading settled() {
    Reading last = now();
    int stable = 0;
    long end = System.currentTimeMillis() + 5_000;
    while (stable < 10 && System.currentTimeMillis() < end) {
      sleep();
      Reading next = now();
      stable = next.equals(last) ? stable + 1 : 0;
      last = next;
    }
    return last;
  }

  /** Waits up to 5 s for tracked memory and allocations to fall to {@code baseline}, or fails. */
  public static void awaitAtMost(Reading baseline) {
    long end = System.currentTimeMillis() + 5_000;
    Reading r = now();
    while (!r.atMost(baseline)) {
      if (System.currentTimeMillis() > end) {
        fail("libvips still holds " + r + " after 5 s, over the baseline " + baseline);
      }
      sleep();
      r = now();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
