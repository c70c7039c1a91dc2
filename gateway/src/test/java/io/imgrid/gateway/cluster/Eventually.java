package io.imgrid.gateway.cluster;

import java.util.function.BooleanSupplier;

final class Eventually {
  private Eventually() {}

  /** Polls {@code condition} until it holds, failing with {@code what} after {@code millis}. */
  static void await(String what, long millis, BooleanSupplier condition) {
    long end = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("timed out waiting until " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
