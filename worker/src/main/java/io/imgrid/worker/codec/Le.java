package io.imgrid.worker.codec;

import io.imgrid.shared.error.ImageException;

/** Little-endian reads that refuse to run past the data: a short file is a broken image (422). */
final class Le {
  private Le() {}

  static boolean has(byte[] d, long pos, long n) {
    return pos >= 0 && n >= 0 && pos <= d.length && n <= d.length - pos;
  }

  static int u8(byte[] d, long pos) {
    need(d, pos, 1);
    return d[(int) pos] & 0xFF;
  }

  static int u16(byte[] d, long pos) {
    need(d, pos, 2);
    int p = (int) pos;
    return (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8;
  }

  /** An unsigned 32-bit value. */
  static long u32(byte[] d, long pos) {
    return s32(d, pos) & 0xFFFFFFFFL;
  }

  static int s32(byte[] d, long pos) {
    need(d, pos, 4);
    int p = (int) pos;
    return (d[p] & 0xFF) | (d[p + 1] & 0xFF) << 8 | (d[p + 2] & 0xFF) << 16 | (d[p + 3] & 0xFF) << 24;
  }

  static void need(byte[] d, long pos, long n) {
    if (!has(d, pos, n)) {
      throw truncated();
    }
  }

  static ImageException truncated() {
    return broken("truncated data");
  }

  static ImageException broken(String detail) {
    return ImageException.broken("bmp: " + detail, null);
  }
}
