package io.imgrid.worker.codec;

import io.imgrid.worker.guard.ByteWriter;

/** Hand-assembled BMP files for decoder tests. */
final class Bmps {
  private Bmps() {}

  /**
   * A BMP with a BITMAPINFOHEADER (or a larger header when {@code masks} has 4 entries: V3, 56
   * bytes, alpha mask inside), the given palette (0xRRGGBB), masks and raw pixel bytes.
   */
  static byte[] bmp(int w, int h, int bpp, int compression, int[] palette, int[] masks,
      byte[] pixels) {
    int headerSize = masks != null && masks.length == 4 ? 56 : 40;
    int extraMasks = masks != null && headerSize == 40 ? 12 : 0;
    int paletteBytes = palette == null ? 0 : palette.length * 4;
    int offset = 14 + headerSize + extraMasks + paletteBytes;
    ByteWriter out = new ByteWriter().ascii("BM").u32le(offset + pixels.length).u32le(0)
        .u32le(offset);
    out.u32le(headerSize).u32le(w).u32le(h).u16le(1).u16le(bpp).u32le(compression)
        .u32le(pixels.length).u32le(2835).u32le(2835)
        .u32le(palette == null ? 0 : palette.length).u32le(0);
    if (masks != null) {
      for (int m : masks) {
        out.u32le(m & 0xFFFFFFFFL);
      }
    }
    if (palette != null) {
      for (int c : palette) {
        out.u8(c & 0xFF, (c >>> 8) & 0xFF, (c >>> 16) & 0xFF, 0);
      }
    }
    return out.bytes(pixels).toByteArray();
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  /** Expands 0xRRGGBB colours into an RGB byte array. */
  static byte[] rgb(int... colors) {
    byte[] b = new byte[colors.length * 3];
    for (int i = 0; i < colors.length; i++) {
      b[i * 3] = (byte) (colors[i] >>> 16);
      b[i * 3 + 1] = (byte) (colors[i] >>> 8);
      b[i * 3 + 2] = (byte) colors[i];
    }
    return b;
  }
}
