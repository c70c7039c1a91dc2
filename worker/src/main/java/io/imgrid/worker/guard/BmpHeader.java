package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;

/**
 * BMP: the size from the DIB header (BITMAPCOREHEADER's 16-bit fields, or the 32-bit signed fields
 * of BITMAPINFOHEADER and its V2..V5 and OS/2 extensions). A negative height means top-down; its
 * magnitude is the height, and INT32_MIN (whose negation overflows) is broken.
 */
final class BmpHeader {
  private static final int CORE_HEADER = 12;

  private BmpHeader() {}

  static SourceInfo read(byte[] data) {
    Bytes b = new Bytes(data, "bmp");
    long[] size = dibSize(b, 14, false);
    return SourceInfo.still(
        ImageFormat.BMP, b.dimension(size[0], "width"), b.dimension(size[1], "height"));
  }

  /**
   * Width and height of the DIB header at {@code dib}; {@code icon} halves the height, because an
   * icon's DIB counts the XOR bitmap and the AND mask together.
   */
  static long[] dibSize(Bytes b, long dib, boolean icon) {
    long headerSize = b.u32le(dib);
    long width;
    long height;
    if (headerSize == CORE_HEADER) {
      width = b.u16le(dib + 4);
      height = b.u16le(dib + 6);
    } else if (headerSize >= 16 && headerSize <= 124) {
      width = (int) b.u32le(dib + 4);
      int signedHeight = (int) b.u32le(dib + 8);
      if (signedHeight == Integer.MIN_VALUE) {
        throw b.broken("height is INT32_MIN");
      }
      height = Math.abs(signedHeight);
    } else {
      throw b.broken("unknown DIB header size " + headerSize);
    }
    if (icon) {
      height /= 2;
    }
    return new long[] {width, height};
  }
}
