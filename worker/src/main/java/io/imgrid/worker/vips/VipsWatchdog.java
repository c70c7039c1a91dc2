package io.imgrid.worker.vips;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread behind {@link VipsScope#killAt}: it sets libvips' kill flag on a scope's
 * images when the job's deadline passes, so a long evaluation (a huge blur, a slow save) stops
 * inside libvips instead of at the next step boundary.
 *
 * <p>libvips clears the flag on the image a sink starts evaluating ({@code vips_sink_base_init})
 * and again when it reports the kill ({@code vips_image_iskilled}), so the flag is set again every
 * {@link #REPEAT_MILLIS} until the scope closes and cancels the task. The thread is a daemon and
 * is shared by every scope of the process, like libvips itself; the tasks are tiny (one int write
 * per image).
 */
final class VipsWatchdog {
  /** How often the flag is set again after the deadline, until the scope closes. */
  static final long REPEAT_MILLIS = 50;

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(daemon());

  private VipsWatchdog() {}

  /** Runs {@code kill} at {@code epochMillis} and every {@link #REPEAT_MILLIS} after it. */
  static ScheduledFuture<?> schedule(Runnable kill, long epochMillis) {
    long delay = Math.max(0, epochMillis - System.currentTimeMillis());
    return TIMER.scheduleWithFixedDelay(kill, delay, REPEAT_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static ThreadFactory daemon() {
    return task -> {
      Thread t = new Thread(task, "imgrid-vips-watchdog");
      t.setDaemon(true);
      return t;
    };
  }
}
