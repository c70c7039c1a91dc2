package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;

/**
 * WebP: the size from the first chunk (VP8 key frame, VP8L, or the VP8X canvas). For VP8X the
 * chunks are walked to count ANMF frames and track the largest frame extent. The RIFF length is
 * ignored (it may lie); the walk is bounded by the actual bytes.
 */
final class WebpHeader {
  private static final int VP8X_ANIMATION = 0x02;

  private WebpHeader() {}

  static SourceInfo read(byte[] data) {
    Bytes b = new Bytes(data, "webp");
    String chunk = b.fourcc(12);
    long payload = 20;
    switch (chunk) {
      case "VP8 ":
        return vp8(b, payload);
      case "VP8L":
        return vp8l(b, payload);
      case "VP8X":
        return vp8x(b, payload);
      default:
        throw b.broken("unknown first chunk '" + chunk + "'");
    }
  }

  private static SourceInfo vp8(Bytes b, long p) {
    if ((b.u8(p) & 0x01) != 0) {
      throw b.broken("VP8 data does not start with a key frame");
    }
    if (b.u8(p + 3) != 0x9D || b.u8(p + 4) != 0x01 || b.u8(p + 5) != 0x2A) {
      throw b.broken("bad VP8 start code");
    }
    int w = b.dimension(b.u16le(p + 6) & 0x3FFF, "width");
    int h = b.dimension(b.u16le(p + 8) & 0x3FFF, "height");
    return SourceInfo.still(ImageFormat.WEBP, w, h);
  }

  private static SourceInfo vp8l(Bytes b, long p) {
    if (b.u8(p) != 0x2F) {
      throw b.broken("bad VP8L signature");
    }
    long bits = b.u32le(p + 1);
    if ((bits >>> 29) != 0) {
      throw b.broken("bad VP8L version");
    }
    int w = b.dimension((bits & 0x3FFF) + 1, "width");
    int h = b.dimension(((bits >>> 14) & 0x3FFF) + 1, "height");
    return SourceInfo.still(ImageFormat.WEBP, w, h);
  }

  private static SourceInfo vp8x(Bytes b, long p) {
    int flags = b.u8(p);
    long width = b.u24le(p + 4) + 1L;
    long height = b.u24le(p + 7) + 1L;
    if ((flags & VP8X_ANIMATION) == 0) {
      return SourceInfo.still(
          ImageFormat.WEBP, b.dimension(width, "width"), b.dimension(height, "height"));
    }
    int frames = 0;
    long pos = 12;
    while (frames < SourceInfo.MAX_COUNTED_FRAMES && b.has(pos, 8)) {
      long size = b.u32le(pos + 4);
      if (b.ascii(pos, "ANMF")) {
        frames++;
        if (b.has(pos + 8, 12)) {
          width = Math.max(width, 2L * b.u24le(pos + 8) + b.u24le(pos + 14) + 1);
          height = Math.max(height, 2L * b.u24le(pos + 11) + b.u24le(pos + 17) + 1);
        }
      }
      pos += 8 + size + (size & 1);
    }
    if (frames == 0) {
      throw b.broken("animated WebP without frames");
    }
    int w = b.dimension(width, "width");
    int h = b.dimension(height, "height");
    return new SourceInfo(ImageFormat.WEBP, w, h, frames, frames > 1, false, 1);
  }
}
