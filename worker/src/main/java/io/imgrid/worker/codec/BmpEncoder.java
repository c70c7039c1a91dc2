package io.imgrid.worker.codec;

/**
 * Writes BMP: RGB as 24-bit BI_RGB with a BITMAPINFOHEADER, RGBA as 32-bit BI_BITFIELDS with a
 * BITMAPV4HEADER carrying the alpha mask (the header size every mainstream reader takes alpha
 * from). Rows are bottom-up, as most readers expect.
 */
public final class BmpEncoder {
  private static final int FILE_HEADER = 14;
  private static final int INFO_HEADER = 40;
  private static final int V4_HEADER = 108;
  private static final int LCS_SRGB = 0x73524742;
  private static final int PIXELS_PER_METRE = 2835; // 72 dpi

  private BmpEncoder() {}

  public static byte[] encode(Pixels pixels) {
    boolean alpha = pixels.hasAlpha();
    int bpp = alpha ? 32 : 24;
    int dib = alpha ? V4_HEADER : INFO_HEADER;
    long stride = ((long) pixels.width() * bpp + 31) / 32 * 4;
    long imageSize = stride * pixels.height();
    long fileSize = FILE_HEADER + dib + imageSize;
    if (fileSize > Pixels.MAX_BYTES) {
      throw new IllegalArgumentException("BMP of " + fileSize + " bytes does not fit an array");
    }
    LeWriter w = new LeWriter((int) fileSize);
    w.u8('B').u8('M').u32((int) fileSize).u32(0).u32(FILE_HEADER + dib);
    w.u32(dib).u32(pixels.width()).u32(pixels.height()).u16(1).u16(bpp);
    w.u32(alpha ? DibHeader.BI_BITFIELDS : DibHeader.BI_RGB).u32((int) imageSize);
    w.u32(PIXELS_PER_METRE).u32(PIXELS_PER_METRE).u32(0).u32(0);
    if (alpha) {
      w.u32(0x00FF0000).u32(0x0000FF00).u32(0x000000FF).u32(0xFF000000).u32(LCS_SRGB);
      w.skip(V4_HEADER - 60); // CIEXYZTRIPLE endpoints and gamma: unused with sRGB
    }
    byte[] src = pixels.data();
    int bands = pixels.bands();
    int padding = (int) (stride - (long) pixels.width() * (bpp / 8));
    for (int y = pixels.height() - 1; y >= 0; y--) {
      int p = y * pixels.width() * bands;
      for (int x = 0; x < pixels.width(); x++, p += bands) {
        w.u8(src[p + 2]).u8(src[p + 1]).u8(src[p]);
        if (alpha) {
          w.u8(src[p + 3]);
        }
      }
      w.skip(padding);
    }
    return w.bytes();
  }

  /** Fills a fixed-size little-endian buffer. */
  private static final class LeWriter {
    private final byte[] buf;
    private int pos;

    LeWriter(int size) {
      buf = new byte[size];
    }

    LeWriter u8(int v) {
      buf[pos++] = (byte) v;
      return this;
    }

    LeWriter u16(int v) {
      return u8(v).u8(v >>> 8);
    }

    LeWriter u32(int v) {
      return u16(v).u16(v >>> 16);
    }

    LeWriter skip(int n) {
      pos += n;
      return this;
    }

    byte[] bytes() {
      return buf;
    }
  }
}
