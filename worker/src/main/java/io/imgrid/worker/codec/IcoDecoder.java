package io.imgrid.worker.codec;

import io.imgrid.shared.error.ImageException;
import java.util.Arrays;

/**
 * Decodes ICO in Java so it never reaches libvips/ImageMagick. Picks the largest entry by the
 * directory's size (0 means 256), then the higher bit depth, then the first. A PNG entry is
 * returned as PNG bytes; a BMP entry (a DIB whose height covers the XOR bitmap and the 1-bpp AND
 * mask) is decoded to RGBA: a 32-bit entry keeps its own alpha unless all of it is zero, any other
 * takes its alpha from the AND mask (set bit = transparent). A missing AND mask means opaque.
 * All failures are 422 {@link ImageException}s.
 */
public final class IcoDecoder {
  private static final int ENTRY = 16;

  private IcoDecoder() {}

  public static IcoImage decode(byte[] ico) {
    if (ico.length < 6 || Le.u16(ico, 0) != 0 || Le.u16(ico, 2) != 1) {
      throw broken("not an ICO file");
    }
    int count = Le.u16(ico, 4);
    if (count == 0) {
      throw broken("no entries");
    }
    int best = -1;
    long bestArea = -1;
    int bestBpp = -1;
    for (int i = 0; i < count; i++) {
      int e = 6 + ENTRY * i;
      Le.need(ico, e, ENTRY);
      long area = (long) size(ico[e]) * size(ico[e + 1]);
      int bpp = Le.u16(ico, e + 6);
      if (area > bestArea || (area == bestArea && bpp > bestBpp)) {
        best = e;
        bestArea = area;
        bestBpp = bpp;
      }
    }
    long length = Le.u32(ico, best + 8);
    long offset = Le.u32(ico, best + 12);
    if (offset < 6 || offset >= ico.length) {
      throw broken("entry data at " + offset + " is outside the file");
    }
    int start = (int) offset;
    int end = (int) Math.min(ico.length, offset + length);
    if (isPng(ico, start)) {
      return new IcoImage.Png(Arrays.copyOfRange(ico, start, end));
    }
    return new IcoImage.Bitmap(bitmap(ico, start));
  }

  private static Pixels bitmap(byte[] ico, int dib) {
    DibHeader h = DibHeader.parse(ico, dib, true);
    Pixels xor = BmpDecoder.decodeIconBitmap(ico, h);
    byte[] rgba = xor.data();
    if (h.bpp() == 32 && anyAlpha(rgba)) {
      return xor;
    }
    long maskStart = h.paletteEnd() + h.stride() * h.height();
    long maskStride = ((long) h.width() + 31) / 32 * 4;
    boolean hasMask = Le.has(ico, maskStart, maskStride * h.height());
    for (int row = 0; row < h.height(); row++) {
      int y = h.topDown() ? row : h.height() - 1 - row;
      long maskRow = maskStart + row * maskStride;
      for (int x = 0; x < h.width(); x++) {
        boolean transparent = hasMask && (ico[(int) (maskRow + (x >>> 3))] & (0x80 >>> (x & 7))) != 0;
        rgba[(y * h.width() + x) * 4 + 3] = transparent ? 0 : (byte) 255;
      }
    }
    return xor;
  }

  private static boolean anyAlpha(byte[] rgba) {
    for (int i = 3; i < rgba.length; i += 4) {
      if (rgba[i] != 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPng(byte[] d, int at) {
    return Le.has(d, at, 8) && (d[at] & 0xFF) == 0x89 && d[at + 1] == 'P' && d[at + 2] == 'N'
        && d[at + 3] == 'G';
  }

  private static int size(byte b) {
    int v = b & 0xFF;
    return v == 0 ? 256 : v;
  }

  private static ImageException broken(String detail) {
    return ImageException.broken("ico: " + detail, null);
  }
}
