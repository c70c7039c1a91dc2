package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;

/**
 * HEIC and AVIF (ISO base media file format): walks {@code meta → iprp → ipco} and takes the
 * largest {@code ispe} (image spatial extent) property. The largest, not the primary item's,
 * because a grid's tiles and its thumbnails are smaller than the image they make up, and the
 * check must hold for whatever the decoder ends up allocating.
 *
 * <p>Box sizes are untrusted: 64-bit sizes are read, size 0 means "to the end of the parent", a
 * size smaller than the box header is broken, and a box running past its parent is clamped to
 * the parent. Every step moves forward by at least one header, and only three levels are
 * entered, so the work is bounded by the byte count.
 */
final class IsobmffHeader {
  private IsobmffHeader() {}

  static SourceInfo read(byte[] data, ImageFormat format) {
    Bytes b = new Bytes(data, format.urlName());
    long[] largest = {0, 0};
    IsobmffBox meta = find(b, 0, b.length(), "meta");
    if (meta != null) {
      IsobmffBox iprp = find(b, meta.body() + 4, meta.end(), "iprp");
      if (iprp != null) {
        IsobmffBox ipco = find(b, iprp.body(), iprp.end(), "ipco");
        if (ipco != null) {
          collectIspe(b, ipco, largest);
        }
      }
    }
    if (largest[0] == 0) {
      throw b.broken("no ispe property");
    }
    int w = b.dimension(largest[0], "width");
    int h = b.dimension(largest[1], "height");
    return SourceInfo.still(format, w, h);
  }

  private static void collectIspe(Bytes b, IsobmffBox ipco, long[] largest) {
    long pos = ipco.body();
    while (pos < ipco.end()) {
      IsobmffBox box = IsobmffBox.read(b, pos, ipco.end());
      if (box.type().equals("ispe") && box.end() - box.body() >= 12) {
        long w = b.u32be(box.body() + 4);
        long h = b.u32be(box.body() + 8);
        if ((double) w * h > (double) largest[0] * largest[1] || largest[0] == 0) {
          largest[0] = w;
          largest[1] = h;
        }
      }
      pos = box.end();
    }
  }

  private static IsobmffBox find(Bytes b, long from, long end, String type) {
    long pos = from;
    while (pos < end) {
      IsobmffBox box = IsobmffBox.read(b, pos, end);
      if (box.type().equals(type)) {
        return box;
      }
      pos = box.end();
    }
    return null;
  }
}
