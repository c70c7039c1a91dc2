package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;

/**
 * PNG: the size from IHDR, and for APNG the frame count from an {@code acTL} chunk before the
 * first IDAT. The chunk walk reads only chunk headers, so its work is bounded by the byte count.
 * libvips loads PNG as a still (contract §4.2), so an APNG is not reported as animated.
 */
final class PngHeader {
  private PngHeader() {}

  static SourceInfo read(byte[] data) {
    Bytes b = new Bytes(data, "png");
    if (!b.ascii(12, "IHDR") || b.u32be(8) != 13) {
      throw b.broken("IHDR is not the first chunk");
    }
    int width = b.dimension(b.u32be(16), "width");
    int height = b.dimension(b.u32be(20), "height");
    long frames = 1;
    long pos = 8 + 8 + 13 + 4;
    while (b.has(pos, 8)) {
      long length = b.u32be(pos);
      String type = b.fourcc(pos + 4);
      if (type.equals("IDAT") || type.equals("IEND")) {
        break;
      }
      if (type.equals("acTL") && length >= 8 && b.has(pos + 8, 4)) {
        frames = Math.max(1, b.u32be(pos + 8));
        break;
      }
      pos += 12 + length;
    }
    int counted = (int) Math.min(frames, SourceInfo.MAX_COUNTED_FRAMES);
    return new SourceInfo(ImageFormat.PNG, width, height, counted, false, false, 1);
  }
}
