package io.imgrid.worker.vips;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An owned native reference with an idempotent {@link #close()} that refuses to run while a call
 * is using the reference (the zstd-jni pattern): native calls happen between {@link #acquire()}
 * and {@link #release()}, so a close from another thread can never free memory under them.
 */
abstract class NativeHandle implements AutoCloseable {
  private static final int CLOSED = -1;

  /** Number of calls in flight, or {@link #CLOSED}. */
  private final AtomicInteger users = new AtomicInteger();

  final void acquire() {
    while (true) {
      int n = users.get();
      if (n == CLOSED) {
        throw new IllegalStateException(describe() + " is closed");
      }
      if (users.compareAndSet(n, n + 1)) {
        return;
      }
    }
  }

  final void release() {
    users.decrementAndGet();
  }

  /** Whether {@link #close()} has released the native reference. */
  public final boolean isClosed() {
    return users.get() == CLOSED;
  }

  /**
   * Releases the native reference once; later calls do nothing.
   *
   * @throws IllegalStateException while a native call is using this handle
   */
  @Override
  public final void close() {
    while (true) {
      int n = users.get();
      if (n == CLOSED) {
        return;
      }
      if (n > 0) {
        throw new IllegalStateException(describe() + " is in use by " + n + " call(s)");
      }
      if (users.compareAndSet(0, CLOSED)) {
        free();
        return;
      }
    }
  }

  /** Drops the native reference; called exactly once. */
  abstract void free();

  abstract String describe();
}
