package io.imgrid.shared.format;

import java.util.OptionalInt;

/**
 * The {@code max_bytes} loop (contract §4.3, imgproxy {@code save_fit_bytes.go}): save, and while
 * the result is too large and the quality above 10, lower the quality in proportion to how far
 * off the size is.
 */
public final class MaxBytes {
  private MaxBytes() {}

  /** Whether the loop applies at all: a target is set and the format has a quality. */
  public static boolean applies(int maxBytes, ImageFormat format) {
    return maxBytes > 0 && format.supportsQuality();
  }

  /**
   * The next quality to try after a save at {@code quality} produced {@code size} bytes, or empty
   * when that save is the answer (it fits, or the quality is already ≤ 10).
   */
  public static OptionalInt nextQuality(int quality, long size, long target) {
    if (size <= target || quality <= 10) {
      return OptionalInt.empty();
    }
    double delta = (double) size / target;
    double factor = delta > 3 ? 0.25 : delta > 1.5 ? 0.5 : 0.75;
    int next = (int) Math.round(quality * factor);
    return OptionalInt.of(Math.max(1, Math.min(quality - 1, next)));
  }
}
