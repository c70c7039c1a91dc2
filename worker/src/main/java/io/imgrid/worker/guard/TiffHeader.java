package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;
import java.util.HashSet;
import java.util.Set;

/**
 * TIFF: ImageWidth/ImageLength (SHORT or LONG) and Orientation from IFD0, in either byte order;
 * the IFD chain is followed to count pages, at most {@link #MAX_PAGES} and never revisiting an
 * offset, so a looping chain ends at once.
 */
final class TiffHeader {
  static final int MAX_PAGES = 10_000;
  private static final int TAG_WIDTH = 256;
  private static final int TAG_LENGTH = 257;
  private static final int TAG_ORIENTATION = 274;
  private static final int TYPE_SHORT = 3;
  private static final int TYPE_LONG = 4;

  private TiffHeader() {}

  static SourceInfo read(byte[] data) {
    Bytes b = new Bytes(data, "tiff");
    TiffOrder order = TiffOrder.of(b);
    if (order == null) {
      throw b.broken("bad byte order mark");
    }
    long ifd0 = order.u32(b, 4);
    int entries = order.u16(b, ifd0);
    long width = -1;
    long height = -1;
    int orientation = 1;
    for (int i = 0; i < entries; i++) {
      long entry = ifd0 + 2 + 12L * i;
      int tag = order.u16(b, entry);
      if (tag != TAG_WIDTH && tag != TAG_LENGTH && tag != TAG_ORIENTATION) {
        continue;
      }
      int type = order.u16(b, entry + 2);
      long value;
      if (type == TYPE_SHORT) {
        value = order.u16(b, entry + 8);
      } else if (type == TYPE_LONG) {
        value = order.u32(b, entry + 8);
      } else {
        throw b.broken("tag " + tag + " has type " + type);
      }
      if (tag == TAG_WIDTH) {
        width = value;
      } else if (tag == TAG_LENGTH) {
        height = value;
      } else {
        orientation = value >= 1 && value <= 8 ? (int) value : 1;
      }
    }
    int w = b.dimension(width, "width");
    int h = b.dimension(height, "height");
    int pages = countPages(b, order, ifd0, entries);
    return new SourceInfo(ImageFormat.TIFF, w, h, pages, false, false, orientation);
  }

  private static int countPages(Bytes b, TiffOrder order, long ifd0, int entries0) {
    Set<Long> seen = new HashSet<>();
    seen.add(ifd0);
    int pages = 1;
    long next = nextIfd(b, order, ifd0, entries0);
    while (next != 0 && pages < MAX_PAGES && seen.add(next) && b.has(next, 2)) {
      int entries = order.u16(b, next);
      pages++;
      next = nextIfd(b, order, next, entries);
    }
    return pages;
  }

  private static long nextIfd(Bytes b, TiffOrder order, long ifd, int entries) {
    long at = ifd + 2 + 12L * entries;
    return b.has(at, 4) ? order.u32(b, at) : 0;
  }
}
