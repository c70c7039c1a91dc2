package io.imgrid.worker.codec;

import io.imgrid.shared.error.ImageException;

/**
 * A validated device-independent-bitmap header: the part of a BMP after the file header, and the
 * whole of a BMP icon entry. Every field a decoder will index with is checked here, before any
 * pixel buffer exists: the header size, a positive size (INT32_MIN height refused), bits per pixel
 * in {1, 4, 8, 16, 24, 32} (imgproxy's bpp=40 overflow, v4.0.12), a compression that fits the bpp,
 * contiguous channel masks, a palette no larger than the bpp allows and inside the data.
 */
record DibHeader(
    int headerSize,
    int width,
    int height,
    boolean topDown,
    int bpp,
    int compression,
    int redMask,
    int greenMask,
    int blueMask,
    int alphaMask,
    int paletteOffset,
    int paletteEntrySize,
    int paletteSize,
    int paletteEnd) {

  static final int BI_RGB = 0;
  static final int BI_RLE8 = 1;
  static final int BI_RLE4 = 2;
  static final int BI_BITFIELDS = 3;
  static final int BI_ALPHABITFIELDS = 6;

  private static final int CORE = 12;

  /** Bytes per row in the file: each row is padded to 4 bytes. */
  long stride() {
    return ((long) width * bpp + 31) / 32 * 4;
  }

  boolean isRle() {
    return compression == BI_RLE8 || compression == BI_RLE4;
  }

  /**
   * Parses the DIB at {@code dib}; for icons the stored height covers the XOR bitmap and the AND
   * mask, so it is halved.
   */
  static DibHeader parse(byte[] d, int dib, boolean icon) {
    long hs = Le.u32(d, dib);
    if (hs != CORE && hs != 40 && hs != 52 && hs != 56 && hs != 108 && hs != 124) {
      throw Le.broken("unsupported DIB header size " + hs);
    }
    int headerSize = (int) hs;
    long width;
    long height;
    int bpp;
    int compression = BI_RGB;
    long colorsUsed = 0;
    boolean topDown = false;
    if (headerSize == CORE) {
      width = Le.u16(d, dib + 4);
      height = Le.u16(d, dib + 6);
      bpp = Le.u16(d, dib + 10);
    } else {
      width = Le.s32(d, dib + 4);
      int h = Le.s32(d, dib + 8);
      if (h == Integer.MIN_VALUE) {
        throw Le.broken("height is INT32_MIN");
      }
      topDown = h < 0;
      height = Math.abs(h);
      bpp = Le.u16(d, dib + 14);
      compression = (int) Math.min(Le.u32(d, dib + 16), Integer.MAX_VALUE);
      colorsUsed = Le.u32(d, dib + 32);
    }
    if (icon) {
      height /= 2;
    }
    if (width < 1 || height < 1) {
      throw Le.broken("size " + width + "x" + height);
    }
    if (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32) {
      throw Le.broken("unsupported bits per pixel " + bpp);
    }
    checkCompression(compression, bpp, topDown);
    int masksEnd = dib + headerSize;
    int[] masks = {0, 0, 0, 0};
    if (compression == BI_BITFIELDS || compression == BI_ALPHABITFIELDS) {
      int count = compression == BI_ALPHABITFIELDS ? 4 : 3;
      int at = headerSize >= 52 ? dib + 40 : dib + headerSize;
      for (int i = 0; i < count; i++) {
        masks[i] = Le.s32(d, at + 4L * i);
      }
      if (headerSize >= 56) {
        masks[3] = Le.s32(d, dib + 52);
      }
      if (headerSize == 40) {
        masksEnd += 4 * count;
      }
      for (int m : masks) {
        checkContiguous(m);
      }
    } else if (bpp == 16) {
      masks = new int[] {0x7C00, 0x03E0, 0x001F, 0};
    }
    int entrySize = headerSize == CORE ? 3 : 4;
    int paletteSize = 0;
    if (bpp <= 8) {
      long max = 1L << bpp;
      if (colorsUsed > max) {
        throw Le.broken("palette of " + colorsUsed + " colours for " + bpp + " bpp");
      }
      paletteSize = (int) (colorsUsed == 0 ? max : colorsUsed);
      Le.need(d, masksEnd, (long) paletteSize * entrySize);
    }
    long bands = (icon || masks[3] != 0) ? 4 : 3;
    if (width * height * bands > Pixels.MAX_BYTES) {
      throw ImageException.invalidSource("bmp: " + width + "x" + height + " is too large");
    }
    return new DibHeader(headerSize, (int) width, (int) height, topDown, bpp, compression,
        masks[0], masks[1], masks[2], masks[3], masksEnd, entrySize, paletteSize,
        masksEnd + paletteSize * entrySize);
  }

  private static void checkCompression(int compression, int bpp, boolean topDown) {
    boolean ok;
    switch (compression) {
      case BI_RGB:
        ok = true;
        break;
      case BI_RLE8:
        ok = bpp == 8 && !topDown;
        break;
      case BI_RLE4:
        ok = bpp == 4 && !topDown;
        break;
      case BI_BITFIELDS:
      case BI_ALPHABITFIELDS:
        ok = bpp == 16 || bpp == 32;
        break;
      default:
        ok = false;
    }
    if (!ok) {
      throw Le.broken("compression " + compression + " with " + bpp + " bpp");
    }
  }

  private static void checkContiguous(int mask) {
    if (mask == 0) {
      return;
    }
    int shifted = mask >>> Integer.numberOfTrailingZeros(mask);
    if ((shifted & (shifted + 1)) != 0) {
      throw Le.broken("non-contiguous channel mask " + Integer.toHexString(mask));
    }
  }
}
