package io.imgrid.worker.guard;

/**
 * The orientation tag (0x0112) of IFD0 in a TIFF-structured EXIF block. A bad block is not an
 * error: the image still loads, so any problem simply means orientation 1.
 */
final class ExifOrientation {
  private static final int TAG_ORIENTATION = 0x0112;
  private static final int MAX_ENTRIES = 1024;

  private ExifOrientation() {}

  static int read(byte[] tiff) {
    try {
      Bytes b = new Bytes(tiff, "exif");
      TiffOrder order = TiffOrder.of(b);
      if (order == null) {
        return 1;
      }
      long ifd = order.u32(b, 4);
      int count = Math.min(order.u16(b, ifd), MAX_ENTRIES);
      for (int i = 0; i < count; i++) {
        long entry = ifd + 2 + 12L * i;
        if (order.u16(b, entry) == TAG_ORIENTATION) {
          int value = order.u16(b, entry + 8);
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
      return 1;
    } catch (RuntimeException badExif) {
      return 1;
    }
  }
}
