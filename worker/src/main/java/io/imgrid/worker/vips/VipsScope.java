package io.imgrid.worker.vips;

import com.sun.jna.Pointer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * The request-scoped owner of every native reference a job creates: source blobs, images from
 * loads and operations. {@link #close()} releases them in reverse order of creation, so nothing is
 * freed while something made later may still point at it.
 *
 * <p>Open one per job with try-with-resources, on the thread that runs the job, and call {@link
 * Vips#threadShutdown()} when the job ends. A scope may be handed between threads (it is
 * synchronised) but is not meant for concurrent pipelines.
 *
 * <p><b>Deadline.</b> {@link #killAt} makes libvips abandon any evaluation of this scope's images
 * once the job's time is up (see {@link VipsWatchdog}); the failing call then throws a {@link
 * VipsException} and {@link #killed()} tells the caller it was the deadline, not the source.
 */
public final class VipsScope implements AutoCloseable {
  private final Deque<NativeHandle> owned = new ArrayDeque<>();
  private boolean closed;
  private boolean killed;
  private ScheduledFuture<?> watchdog;

  /** Opens a scope; {@link Vips#init} must have run. */
  public VipsScope() {
    Vips.runtime();
  }

  /** Copies source bytes into native memory owned by this scope (see {@link VipsBlob}). */
  public VipsBlob blob(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    checkOpen();
    return own(VipsBlob.copyOf(bytes));
  }

  /** Number of handles this scope still owns (closed or not); for tests and diagnostics. */
  public synchronized int ownedHandles() {
    return owned.size();
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * From {@code epochMillis} on (wall clock, {@link System#currentTimeMillis()}), sets libvips'
   * kill flag on every image this scope owns, repeatedly, until {@link #close()}; an evaluation in
   * progress on any thread fails at its next check. Replaces an earlier deadline.
   */
  public synchronized void killAt(long epochMillis) {
    checkOpen();
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    watchdog = VipsWatchdog.schedule(this::kill, epochMillis);
  }

  /** Whether the deadline of {@link #killAt} has passed and images were killed. */
  public synchronized boolean killed() {
    return killed;
  }

  /**
   * Sets the kill flag on every open image. Runs on the watchdog thread; the scope's lock keeps
   * {@link #close()} from freeing images meanwhile, and {@link VipsImage#kill()} skips one the job
   * closed early.
   */
  private synchronized void kill() {
    if (closed) {
      return;
    }
    killed = true;
    for (NativeHandle handle : owned) {
      if (handle instanceof VipsImage image) {
        image.kill();
      }
    }
  }

  /** Takes ownership of a reference the caller already holds (one {@code g_object_ref}). */
  VipsImage adoptImage(Pointer image) {
    return own(new VipsImage(this, image));
  }

  synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("VipsScope is closed");
    }
  }

  private synchronized <T extends NativeHandle> T own(T handle) {
    if (closed) {
      handle.close();
      throw new IllegalStateException("VipsScope is closed");
    }
    owned.push(handle);
    return handle;
  }

  /**
   * Releases everything in reverse order of creation. Idempotent.
   *
   * @throws IllegalStateException if a handle was still in use by a native call; every other
   *     handle is still released
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (watchdog != null) {
      watchdog.cancel(false);
      watchdog = null;
    }
    RuntimeException failure = null;
    while (!owned.isEmpty()) {
      try {
        owned.pop().close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
