package io.imgrid.worker.codec;

import java.util.Objects;

/**
 * An 8-bit interleaved raster, rows top to bottom: RGB (3 bands) or RGBA (4 bands, straight
 * alpha). The array is shared, not copied, as it may be large; treat it as read-only once built.
 * (Being a record over an array, {@code equals} compares the array by identity.)
 */
public record Pixels(int width, int height, int bands, byte[] data) {
  /** The largest raster that fits in one Java array. */
  public static final long MAX_BYTES = Integer.MAX_VALUE - 8;

  public Pixels {
    Objects.requireNonNull(data, "data == null");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException("size " + width + "x" + height);
    }
    if (bands != 3 && bands != 4) {
      throw new IllegalArgumentException("bands must be 3 or 4: " + bands);
    }
    if ((long) width * height * bands != data.length) {
      throw new IllegalArgumentException(
          "data is " + data.length + " bytes, not " + width + "x" + height + "x" + bands);
    }
  }

  /** Whether the raster has an alpha band. */
  public boolean hasAlpha() {
    return bands == 4;
  }
}
