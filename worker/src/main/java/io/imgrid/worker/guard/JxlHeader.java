package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;
import java.io.ByteArrayOutputStream;

/**
 * JPEG XL: the SizeHeader of the codestream (small "div8" sizes, the four U32 distributions and
 * the seven fixed aspect ratios), then as much of ImageMetadata as it takes to reach the
 * orientation and the animation flag. In the ISO box container the codestream is the body of the
 * {@code jxlc} box or the concatenated {@code jxlp} parts; only {@link #CODESTREAM_PREFIX} bytes
 * are gathered, which holds every field read here.
 *
 * <p>An animation's frame count is not in the header; it is reported as
 * {@link SourceInfo#MAX_COUNTED_FRAMES}, so the check assumes every frame allowed is loaded.
 */
final class JxlHeader {
  private static final int CODESTREAM_PREFIX = 64;
  private static final int[][] SIZE_DIST = {{9, 1}, {13, 1}, {18, 1}, {30, 1}};
  private static final int[][] RATIOS = {{1, 1}, {12, 10}, {4, 3}, {3, 2}, {16, 9}, {5, 4}, {2, 1}};

  private JxlHeader() {}

  static SourceInfo read(byte[] data) {
    Bytes b = new Bytes(data, "jxl");
    byte[] codestream = b.u8(0) == 0xFF ? b.slice(0, CODESTREAM_PREFIX) : fromContainer(b);
    Bytes c = new Bytes(codestream, "jxl");
    if (c.u8(0) != 0xFF || c.u8(1) != 0x0A) {
      throw c.broken("bad codestream signature");
    }
    Bits bits = new Bits(c, 2);
    long[] size = sizeHeader(bits);
    int width = c.dimension(size[0], "width");
    int height = c.dimension(size[1], "height");
    int orientation = 1;
    boolean animated = false;
    boolean allDefault = bits.read(1) == 1;
    if (!allDefault && bits.read(1) == 1) { // extra_fields
      orientation = (int) bits.read(3) + 1;
      if (bits.read(1) == 1) { // have_intrinsic_size
        sizeHeader(bits);
      }
      if (bits.read(1) == 1) { // have_preview
        previewHeader(bits);
      }
      animated = bits.read(1) == 1;
    }
    int frames = animated ? SourceInfo.MAX_COUNTED_FRAMES : 1;
    return new SourceInfo(ImageFormat.JXL, width, height, frames, animated, false, orientation);
  }

  private static long[] sizeHeader(Bits bits) {
    boolean div8 = bits.read(1) == 1;
    long height = div8 ? (bits.read(5) + 1) * 8 : bits.u32(SIZE_DIST);
    int ratio = (int) bits.read(3);
    long width;
    if (ratio != 0) {
      width = height * RATIOS[ratio - 1][0] / RATIOS[ratio - 1][1];
    } else {
      width = div8 ? (bits.read(5) + 1) * 8 : bits.u32(SIZE_DIST);
    }
    return new long[] {width, height};
  }

  private static void previewHeader(Bits bits) {
    boolean div8 = bits.read(1) == 1;
    readPreviewDim(bits, div8);
    if (bits.read(3) == 0) {
      readPreviewDim(bits, div8);
    }
  }

  private static void readPreviewDim(Bits bits, boolean div8) {
    int selector = (int) bits.read(2);
    int[] div8Bits = {0, 0, 5, 9};
    int[] plainBits = {6, 8, 10, 12};
    bits.read(div8 ? div8Bits[selector] : plainBits[selector]);
  }

  private static byte[] fromContainer(Bytes b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long pos = 12;
    while (out.size() < CODESTREAM_PREFIX && b.has(pos, 8)) {
      IsobmffBox box = IsobmffBox.read(b, pos, b.length());
      long bodyLength = box.end() - box.body();
      if (box.type().equals("jxlc")) {
        out.writeBytes(b.slice(box.body(), (int) Math.min(bodyLength, CODESTREAM_PREFIX)));
        break;
      }
      if (box.type().equals("jxlp") && bodyLength > 4) {
        out.writeBytes(b.slice(box.body() + 4, (int) Math.min(bodyLength - 4, CODESTREAM_PREFIX)));
      }
      pos = box.end();
    }
    if (out.size() == 0) {
      throw b.broken("no codestream box");
    }
    return out.toByteArray();
  }

  /** Least-significant-bit-first reader, as the JPEG XL codestream is written. */
  private static final class Bits {
    private final Bytes bytes;
    private long bitPos;

    Bits(Bytes bytes, long startByte) {
      this.bytes = bytes;
      this.bitPos = startByte * 8;
    }

    long read(int n) {
      long v = 0;
      for (int i = 0; i < n; i++) {
        int bit = (bytes.u8(bitPos >>> 3) >>> (bitPos & 7)) & 1;
        v |= (long) bit << i;
        bitPos++;
      }
      return v;
    }

    /** U32 with four BitsOffset distributions: a 2-bit selector, then that many bits + offset. */
    long u32(int[][] dist) {
      int[] d = dist[(int) read(2)];
      return read(d[0]) + d[1];
    }
  }
}
