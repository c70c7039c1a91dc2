package io.imgrid.worker.codec;

/**
 * BI_RLE8 and BI_RLE4 streams (always bottom-up). Each step consumes at least two input bytes,
 * so the work is bounded by the input; writes outside the image are dropped, so a run or a
 * delta that overshoots cannot reach outside the output. A stream that ends before its
 * end-of-bitmap code, unless it ends exactly after the last row, is truncated (422).
 */
final class RleDecoder {
  private final byte[] d;
  private final DibHeader h;
  private final int[] palette;
  private final byte[] out;
  private final boolean four;
  private int pos;
  private int x;
  private int y;

  RleDecoder(byte[] d, int offset, DibHeader h, int[] palette, byte[] out) {
    this.d = d;
    this.h = h;
    this.palette = palette;
    this.out = out;
    this.four = h.compression() == DibHeader.BI_RLE4;
    this.pos = offset;
  }

  void run() {
    while (y < h.height()) {
      if (!Le.has(d, pos, 2)) {
        if (y == h.height() - 1 && x >= h.width()) {
          return;
        }
        throw Le.truncated();
      }
      int count = d[pos] & 0xFF;
      int value = d[pos + 1] & 0xFF;
      pos += 2;
      if (count > 0) {
        for (int i = 0; i < count; i++) {
          put(four ? ((i & 1) == 0 ? value >>> 4 : value & 0x0F) : value);
        }
      } else if (value == 0) {
        x = 0;
        y++;
      } else if (value == 1) {
        return;
      } else if (value == 2) {
        x = Math.min(x + Le.u8(d, pos), h.width());
        y += Le.u8(d, pos + 1);
        pos += 2;
      } else {
        absolute(value);
      }
    }
  }

  private void absolute(int n) {
    int bytes = four ? (n + 1) / 2 : n;
    Le.need(d, pos, bytes);
    for (int i = 0; i < n; i++) {
      int v = four ? (d[pos + i / 2] & 0xFF) >>> ((i & 1) == 0 ? 4 : 0) & 0x0F : d[pos + i] & 0xFF;
      put(v);
    }
    pos += bytes + (bytes & 1);
  }

  private void put(int index) {
    if (x < h.width() && y < h.height()) {
      int rgb = BmpDecoder.lookup(palette, index);
      int dst = ((h.height() - 1 - y) * h.width() + x) * 3;
      out[dst] = (byte) (rgb >>> 16);
      out[dst + 1] = (byte) (rgb >>> 8);
      out[dst + 2] = (byte) rgb;
    }
    x = Math.min(x + 1, h.width());
  }
}
