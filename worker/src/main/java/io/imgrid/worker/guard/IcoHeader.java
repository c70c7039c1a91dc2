package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;

/**
 * ICO: the directory entries (a 0 byte means 256), each checked against what its data really
 * holds: the IHDR of an embedded PNG or the DIB header of a BMP entry. The reported size is the
 * largest of all of them, because the directory may lie (a 1x1 entry holding a 50000x50000 PNG)
 * and the check must cover whatever the decoder opens.
 */
final class IcoHeader {
  private static final int MAX_ENTRIES = 4096;

  private IcoHeader() {}

  static SourceInfo read(byte[] data) {
    Bytes b = new Bytes(data, "ico");
    int count = b.u16le(4);
    if (count == 0) {
      throw b.broken("no entries");
    }
    long bestW = 0;
    long bestH = 0;
    for (int i = 0; i < Math.min(count, MAX_ENTRIES); i++) {
      long entry = 6 + 16L * i;
      long w = b.u8(entry) == 0 ? 256 : b.u8(entry);
      long h = b.u8(entry + 1) == 0 ? 256 : b.u8(entry + 1);
      long offset = b.u32le(entry + 12);
      long[] embedded = embeddedSize(b, offset);
      w = Math.max(w, embedded[0]);
      h = Math.max(h, embedded[1]);
      if ((double) w * h > (double) bestW * bestH) {
        bestW = w;
        bestH = h;
      }
    }
    return SourceInfo.still(ImageFormat.ICO, b.dimension(bestW, "width"), b.dimension(bestH, "height"));
  }

  private static long[] embeddedSize(Bytes b, long offset) {
    if (b.ascii(offset + 1, "PNG") && b.ascii(offset + 12, "IHDR")) {
      return new long[] {b.u32be(offset + 16), b.u32be(offset + 20)};
    }
    return BmpHeader.dibSize(b, offset, true);
  }
}
