package io.imgrid.worker.codec;

/**
 * Decodes BMP in Java so that BMP never reaches libvips, whose Debian build hands it to
 * ImageMagick (security-and-faults §3). Supports 1/4/8/16/24/32 bpp, BI_RGB, BI_RLE8, BI_RLE4 and
 * BI_BITFIELDS/BI_ALPHABITFIELDS (16 and 32 bpp, with an alpha mask giving RGBA), top-down and
 * bottom-up rows, and the core, info and V2..V5 headers.
 *
 * <p>Policy: everything wrong is a 422 {@link io.imgrid.shared.error.ImageException}, never another exception, and this
 * includes <b>truncated pixel data</b> (also an RLE stream that stops before its last row); a
 * partial image is never returned. Pixels the RLE stream skips with delta or end-of-line codes
 * are black. Palette indices past the palette are black. A 32-bit BI_RGB file has no alpha (the
 * fourth byte is padding), as in most decoders.
 *
 * <p>Memory: the output is allocated once, exactly width × height × bands bytes, after the header
 * has been validated and, for uncompressed data, after the pixel bytes are known to be present.
 * Run the header guard first: it is what bounds width × height.
 */
public final class BmpDecoder {
  private BmpDecoder() {}

  /** Decodes a whole BMP file ({@code BM} file header first). */
  public static Pixels decode(byte[] bmp) {
    if (bmp.length < 14 || bmp[0] != 'B' || bmp[1] != 'M') {
      throw Le.broken("not a BMP file");
    }
    DibHeader h = DibHeader.parse(bmp, 14, false);
    long pixelOffset = Le.u32(bmp, 10);
    return decodeDib(bmp, h, pixelOffset, false);
  }

  /**
   * Decodes the XOR bitmap of an icon entry whose DIB starts at {@code dib}; the result has 4
   * bands, with alpha from a 32-bit entry's fourth byte, else opaque (the caller applies the AND
   * mask). The pixel data follows the palette directly.
   */
  static Pixels decodeIconBitmap(byte[] data, DibHeader h) {
    if (h.isRle()) {
      throw Le.broken("RLE-compressed icon bitmap");
    }
    return decodeDib(data, h, h.paletteEnd(), true);
  }

  private static Pixels decodeDib(byte[] d, DibHeader h, long pixelOffset, boolean icon) {
    int bands = icon || h.alphaMask() != 0 ? 4 : 3;
    int[] palette = palette(d, h);
    if (!h.isRle()) {
      Le.need(d, pixelOffset, h.stride() * h.height());
    } else if (!Le.has(d, pixelOffset, 2)) {
      throw Le.truncated();
    }
    byte[] out = new byte[h.width() * h.height() * bands];
    if (h.compression() == DibHeader.BI_RLE8 || h.compression() == DibHeader.BI_RLE4) {
      new RleDecoder(d, (int) pixelOffset, h, palette, out).run();
    } else {
      unpackRows(d, (int) pixelOffset, h, palette, out, bands, icon);
    }
    return new Pixels(h.width(), h.height(), bands, out);
  }

  private static int[] palette(byte[] d, DibHeader h) {
    int[] palette = new int[h.paletteSize()];
    for (int i = 0; i < palette.length; i++) {
      int at = h.paletteOffset() + i * h.paletteEntrySize();
      palette[i] = Le.u8(d, at + 2) << 16 | Le.u8(d, at + 1) << 8 | Le.u8(d, at);
    }
    return palette;
  }

  private static void unpackRows(
      byte[] d, int offset, DibHeader h, int[] palette, byte[] out, int bands, boolean icon) {
    int w = h.width();
    int stride = (int) h.stride();
    MaskChannel r = new MaskChannel(h.redMask());
    MaskChannel g = new MaskChannel(h.greenMask());
    MaskChannel b = new MaskChannel(h.blueMask());
    MaskChannel a = new MaskChannel(h.alphaMask());
    boolean masked = h.bpp() == 16 || h.compression() != DibHeader.BI_RGB;
    for (int row = 0; row < h.height(); row++) {
      int y = h.topDown() ? row : h.height() - 1 - row;
      int src = offset + row * stride;
      int dst = y * w * bands;
      for (int x = 0; x < w; x++, dst += bands) {
        int rgb;
        int alpha = 255;
        switch (h.bpp()) {
          case 1:
          case 4:
          case 8:
            rgb = lookup(palette, index(d, src, x, h.bpp()));
            break;
          case 24: {
            int p = src + x * 3;
            rgb = (d[p + 2] & 0xFF) << 16 | (d[p + 1] & 0xFF) << 8 | (d[p] & 0xFF);
            break;
          }
          default: {
            int px = h.bpp() == 16 ? Le.u16(d, src + x * 2L) : Le.s32(d, src + x * 4L);
            if (masked) {
              rgb = r.scale(px) << 16 | g.scale(px) << 8 | b.scale(px);
              if (a.present()) {
                alpha = a.scale(px);
              }
            } else {
              rgb = px & 0xFFFFFF;
              if (icon) {
                alpha = px >>> 24;
              }
            }
          }
        }
        out[dst] = (byte) (rgb >>> 16);
        out[dst + 1] = (byte) (rgb >>> 8);
        out[dst + 2] = (byte) rgb;
        if (bands == 4) {
          out[dst + 3] = (byte) alpha;
        }
      }
    }
  }

  private static int index(byte[] d, int rowStart, int x, int bpp) {
    int bitPos = x * bpp;
    int v = d[rowStart + (bitPos >>> 3)] & 0xFF;
    int shift = 8 - bpp - (bitPos & 7);
    return (v >>> shift) & ((1 << bpp) - 1);
  }

  static int lookup(int[] palette, int index) {
    return index < palette.length ? palette[index] : 0;
  }
}
