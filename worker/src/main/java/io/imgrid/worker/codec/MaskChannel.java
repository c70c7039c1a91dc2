package io.imgrid.worker.codec;

/** One BI_BITFIELDS channel: extracts its bits from a pixel and scales them to 0..255. */
final class MaskChannel {
  private final int mask;
  private final int shift;
  private final int bits;
  private final long max;

  MaskChannel(int mask) {
    this.mask = mask;
    this.shift = mask == 0 ? 0 : Integer.numberOfTrailingZeros(mask);
    this.bits = Integer.bitCount(mask);
    this.max = bits == 0 ? 0 : (1L << bits) - 1;
  }

  boolean present() {
    return mask != 0;
  }

  int scale(int pixel) {
    if (bits == 0) {
      return 0;
    }
    long v = (pixel & mask) >>> shift;
    if (bits >= 8) {
      return (int) (v >>> (bits - 8));
    }
    return (int) ((v * 255 + max / 2) / max);
  }
}
