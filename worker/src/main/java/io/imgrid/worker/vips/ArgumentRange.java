package io.imgrid.worker.vips;

/**
 * The range a numeric libvips argument declares on the linked libvips ({@link
 * VipsOperation#range}). Versions differ: {@code sharpen}'s {@code sigma} goes up to 10000 on
 * 8.14 and to 10 from 8.15, so request-driven values are brought into the range the running
 * library declares, never into a range copied from one version.
 */
public record ArgumentRange(double min, double max) {
  public ArgumentRange {
    if (!(min <= max)) {
      throw new IllegalArgumentException("min > max: " + min + " > " + max);
    }
  }

  /** {@code value} brought into the range. */
  public double clamp(double value) {
    return Math.max(min, Math.min(max, value));
  }

  public boolean contains(double value) {
    return value >= min && value <= max;
  }
}
