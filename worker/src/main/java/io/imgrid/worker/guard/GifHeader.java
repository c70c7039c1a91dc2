package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;

/**
 * GIF: the logical screen, then a walk over the blocks counting image descriptors and tracking the
 * largest frame extent. Decoders disagree about which size counts (libvips uses the frames,
 * others the screen), so the reported size is the larger of the two in each direction. The walk
 * only skips sub-blocks, each step moving forward, and stops at {@link SourceInfo#MAX_COUNTED_FRAMES}
 * frames or at the first damaged block (what came before is what a decoder would show).
 */
final class GifHeader {
  private static final int IMAGE = 0x2C;
  private static final int EXTENSION = 0x21;

  private GifHeader() {}

  static SourceInfo read(byte[] data) {
    Bytes b = new Bytes(data, "gif");
    long width = b.u16le(6);
    long height = b.u16le(8);
    int flags = b.u8(10);
    long pos = 13 + colorTableSize(flags);
    int frames = 0;
    while (frames < SourceInfo.MAX_COUNTED_FRAMES && b.has(pos, 1)) {
      int block = b.u8(pos);
      if (block == IMAGE) {
        if (!b.has(pos, 11)) {
          break;
        }
        long right = (long) b.u16le(pos + 1) + b.u16le(pos + 5);
        long bottom = (long) b.u16le(pos + 3) + b.u16le(pos + 7);
        int imageFlags = b.u8(pos + 9);
        frames++;
        width = Math.max(width, right);
        height = Math.max(height, bottom);
        pos = skipSubBlocks(b, pos + 10 + colorTableSize(imageFlags) + 1);
      } else if (block == EXTENSION) {
        pos = skipSubBlocks(b, pos + 2);
      } else {
        break; // trailer or garbage: the stream ends here
      }
      if (pos < 0) {
        break;
      }
    }
    if (frames == 0) {
      throw b.broken("no frames in GIF");
    }
    int w = b.dimension(width, "width");
    int h = b.dimension(height, "height");
    return new SourceInfo(ImageFormat.GIF, w, h, frames, frames > 1, false, 1);
  }

  /** The offset after a sub-block chain's terminator, or -1 when the data ends first. */
  private static long skipSubBlocks(Bytes b, long pos) {
    while (b.has(pos, 1)) {
      int size = b.u8(pos);
      if (size == 0) {
        return pos + 1;
      }
      pos += size + 1;
    }
    return -1;
  }

  private static long colorTableSize(int flags) {
    return (flags & 0x80) != 0 ? 3L * (1 << ((flags & 0x07) + 1)) : 0;
  }
}
