package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;

/**
 * JPEG: walks the markers up to the first SOFn for the frame size, picking up the EXIF
 * orientation from an APP1 on the way. Each step moves forward by at least two bytes, so the walk
 * is linear in the byte count whatever the segment lengths say.
 */
final class JpegHeader {
  private static final int SOS = 0xDA;
  private static final int EOI = 0xD9;
  private static final int APP1 = 0xE1;

  private JpegHeader() {}

  static SourceInfo read(byte[] data) {
    Bytes b = new Bytes(data, "jpeg");
    long pos = 2;
    int orientation = 1;
    while (true) {
      if (b.u8(pos) != 0xFF) {
        throw b.broken("marker expected at " + pos);
      }
      while (b.u8(pos + 1) == 0xFF) {
        pos++;
      }
      int marker = b.u8(pos + 1);
      pos += 2;
      if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue;
      }
      if (marker == SOS || marker == EOI) {
        throw b.broken("no SOF marker before scan data");
      }
      int length = b.u16be(pos);
      if (length < 2) {
        throw b.broken("segment length " + length);
      }
      if (isSof(marker)) {
        int height = b.dimension(b.u16be(pos + 3), "height");
        int width = b.dimension(b.u16be(pos + 5), "width");
        return SourceInfo.still(ImageFormat.JPEG, width, height).withOrientation(orientation);
      }
      if (marker == APP1 && b.ascii(pos + 2, "Exif\0\0")) {
        orientation = ExifOrientation.read(b.slice(pos + 8, length - 8));
      }
      pos += length;
    }
  }

  private static boolean isSof(int m) {
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
  }
}
