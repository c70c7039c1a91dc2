package io.imgrid.worker.guard;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Small hand-assembled sources and bombs, built in code (no files from the team kit). */
public final class Fixtures {
  private Fixtures() {}

  public static final byte[] PNG_SIGNATURE = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
  };

  /** A real image of {@code w}×{@code h} written by javax.imageio in {@code format}. */
  public static byte[] imageIo(String format, int w, int h, int type) {
    BufferedImage img = new BufferedImage(w, h, type);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, 0xFF000000 | (x * 7 << 16) | (y * 13 << 8) | ((x + y) & 0xFF));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** IHDR-only PNG header plus optional extra chunks, then a tiny IDAT and IEND; valid CRCs. */
  public static byte[] png(long w, long h, byte[]... extraChunks) {
    ByteWriter ihdr = new ByteWriter().u32be(w).u32be(h).u8(8, 6, 0, 0, 0);
    ByteWriter out = new ByteWriter().bytes(PNG_SIGNATURE).pngChunk("IHDR", ihdr.toByteArray());
    for (byte[] c : extraChunks) {
      out.bytes(c);
    }
    return out.pngChunk("IDAT", new byte[] {0x78, (byte) 0x9C, 3, 0, 0, 0, 0, 1})
        .pngChunk("IEND", new byte[0])
        .toByteArray();
  }

  /** The 69-byte bomb: a PNG declaring {@code w}×{@code h} RGBA with a 4-byte IDAT. */
  public static byte[] pngBomb(long w, long h) {
    ByteWriter ihdr = new ByteWriter().u32be(w).u32be(h).u8(8, 6, 0, 0, 0);
    return new ByteWriter()
        .bytes(PNG_SIGNATURE)
        .pngChunk("IHDR", ihdr.toByteArray())
        .pngChunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x62, 0x60, 0, 0, 0, 0, 0, 0, 0, 0})
        .pngChunk("IEND", new byte[0])
        .toByteArray();
  }

  public static byte[] actl(long frames) {
    return new ByteWriter()
        .pngChunk("acTL", new ByteWriter().u32be(frames).u32be(0).toByteArray())
        .toByteArray();
  }

  /** A GIF with a {@code sw}×{@code sh} screen and {@code frames} descriptors of fw×fh, no pixels. */
  public static byte[] gif(int sw, int sh, int frames, int fw, int fh) {
    ByteWriter out = new ByteWriter().ascii("GIF89a").u16le(sw).u16le(sh).u8(0x80, 0, 0);
    out.zeros(6); // 2-entry global colour table
    for (int i = 0; i < frames; i++) {
      out.u8(0x21, 0xF9, 4, 0, 10, 0, 0, 0); // graphic control extension
      out.u8(0x2C).u16le(0).u16le(0).u16le(fw).u16le(fh).u8(0);
      out.u8(2, 2, 0x44, 0x01, 0); // LZW min size, one sub-block, terminator
    }
    return out.u8(0x3B).toByteArray();
  }

  /** A JPEG whose SOF0 declares {@code w}×{@code h}, with an EXIF orientation, then SOS/EOI. */
  public static byte[] jpeg(int w, int h, int orientation) {
    ByteWriter exif = new ByteWriter().ascii("Exif").u8(0, 0).ascii("MM").u16be(42).u32be(8);
    exif.u16be(1).u16be(0x0112).u16be(3).u32be(1).u16be(orientation).u16be(0).u32be(0);
    byte[] app1 = exif.toByteArray();
    return new ByteWriter()
        .u8(0xFF, 0xD8)
        .u8(0xFF, 0xE0).u16be(16).ascii("JFIF").u8(0, 1, 1, 0).u16be(1).u16be(1).u8(0, 0)
        .u8(0xFF, 0xE1).u16be(app1.length + 2).bytes(app1)
        .u8(0xFF, 0xC0).u16be(11).u8(8).u16be(h).u16be(w).u8(1, 1, 0x11, 0)
        .u8(0xFF, 0xDA).u16be(8).u8(1, 1, 0, 0, 0x3F, 0)
        .u8(0x00, 0xFF, 0xD9)
        .toByteArray();
  }

  /** RIFF/WEBP around one chunk list (the RIFF size is correct). */
  public static byte[] riff(byte[] chunks) {
    return new ByteWriter().ascii("RIFF").u32le(4L + chunks.length).ascii("WEBP").bytes(chunks)
        .toByteArray();
  }

  public static byte[] webpChunk(String type, byte[] payload) {
    ByteWriter w = new ByteWriter().ascii(type).u32le(payload.length).bytes(payload);
    if ((payload.length & 1) == 1) {
      w.u8(0);
    }
    return w.toByteArray();
  }

  public static byte[] webpVp8l(int w, int h) {
    return riff(vp8lChunk(w, h));
  }

  private static byte[] vp8lChunk(int w, int h) {
    long bits = (w - 1) | ((long) (h - 1) << 14) | (1L << 28);
    byte[] payload = new ByteWriter().u8(0x2F).u32le(bits).zeros(5).toByteArray();
    return webpChunk("VP8L", payload);
  }

  public static byte[] webpVp8(int w, int h) {
    byte[] payload =
        new ByteWriter().u8(0x10, 0x02, 0x00, 0x9D, 0x01, 0x2A).u16le(w).u16le(h).zeros(8)
            .toByteArray();
    return riff(webpChunk("VP8 ", payload));
  }

  /** VP8X canvas w×h; animated with {@code frames} ANMF chunks of fw×fh, or still when 0. */
  public static byte[] webpVp8x(int w, int h, int frames, int fw, int fh) {
    int flags = frames > 0 ? 0x02 : 0;
    ByteWriter chunks = new ByteWriter();
    chunks.bytes(webpChunk("VP8X",
        new ByteWriter().u8(flags, 0, 0, 0).u24le(w - 1).u24le(h - 1).toByteArray()));
    if (frames > 0) {
      chunks.bytes(webpChunk("ANIM", new ByteWriter().u32le(0).u16le(0).toByteArray()));
      for (int i = 0; i < frames; i++) {
        byte[] anmf = new ByteWriter().u24le(0).u24le(0).u24le(fw - 1).u24le(fh - 1).u24le(100)
            .u8(0).toByteArray();
        chunks.bytes(webpChunk("ANMF", anmf));
      }
    } else {
      chunks.bytes(vp8lChunk(w, h));
    }
    return riff(chunks.toByteArray());
  }

  /** HEIC/AVIF: ftyp + meta/iprp/ipco with one ispe per size pair given. */
  public static byte[] isobmff(String brand, long... sizes) {
    ByteWriter ipco = new ByteWriter();
    for (int i = 0; i < sizes.length; i += 2) {
      ipco.box("ispe", new ByteWriter().u32be(0).u32be(sizes[i]).u32be(sizes[i + 1]).toByteArray());
    }
    byte[] iprp = new ByteWriter().box("ipco", ipco.toByteArray()).toByteArray();
    byte[] meta = new ByteWriter().u32be(0)
        .box("hdlr", new ByteWriter().u32be(0).u32be(0).ascii("pict").zeros(13).toByteArray())
        .box("iprp", iprp)
        .toByteArray();
    return new ByteWriter()
        .box("ftyp", new ByteWriter().ascii(brand).u32be(0).ascii("mif1").toByteArray())
        .box("meta", meta)
        .box("mdat", new byte[16])
        .toByteArray();
  }

  /** A TIFF with ImageWidth/ImageLength as SHORT or LONG, {@code pages} chained IFDs. */
  public static byte[] tiff(boolean littleEndian, long w, long h, boolean longs, int pages) {
    ByteWriter out = new ByteWriter();
    Endian e = new Endian(out, littleEndian);
    out.ascii(littleEndian ? "II" : "MM");
    e.u16(42).u32(8);
    int ifdSize = 2 + 12 * 3 + 4;
    for (int p = 0; p < pages; p++) {
      e.u16(3);
      entry(e, 256, longs, w);
      entry(e, 257, longs, h);
      entry(e, 274, false, 1);
      e.u32(p == pages - 1 ? 0 : 8L + (long) ifdSize * (p + 1));
    }
    return out.zeros(16).toByteArray();
  }

  private static void entry(Endian e, int tag, boolean isLong, long value) {
    e.u16(tag).u16(isLong ? 4 : 3).u32(1);
    if (isLong) {
      e.u32(value);
    } else {
      e.u16((int) value).u16(0);
    }
  }

  /** A BITMAPINFOHEADER BMP header declaring {@code w}×{@code h}, 24 bpp, with a few pixel bytes. */
  public static byte[] bmpHeader(int w, int h) {
    return new ByteWriter().ascii("BM").u32le(66).u32le(0).u32le(54)
        .u32le(40).u32le(w).u32le(h).u16le(1).u16le(24).u32le(0).u32le(0)
        .u32le(2835).u32le(2835).u32le(0).u32le(0)
        .zeros(12).toByteArray();
  }

  /** An ICO whose directory says {@code dirW}×{@code dirH} and whose one entry is {@code data}. */
  public static byte[] ico(int dirW, int dirH, byte[] data) {
    return new ByteWriter().u16le(0).u16le(1).u16le(1)
        .u8(dirW & 0xFF, dirH & 0xFF, 0, 0).u16le(1).u16le(32).u32le(data.length).u32le(22)
        .bytes(data).toByteArray();
  }

  /** A bare JPEG XL codestream: signature, then the given bits (LSB first), zero padded. */
  public static byte[] jxlCodestream(String bitsLsbFirst) {
    ByteWriter out = new ByteWriter().u8(0xFF, 0x0A);
    byte[] packed = new byte[(bitsLsbFirst.length() + 7) / 8 + 8];
    for (int i = 0; i < bitsLsbFirst.length(); i++) {
      if (bitsLsbFirst.charAt(i) == '1') {
        packed[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return out.bytes(packed).toByteArray();
  }

  /** Writes {@code value} as {@code n} bits, least significant first, as JPEG XL does. */
  public static String bits(long value, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((value >>> i & 1) == 1 ? '1' : '0');
    }
    return sb.toString();
  }

  /** JXL ISO container: signature box, ftyp, then the codestream split into two jxlp boxes. */
  public static byte[] jxlContainer(byte[] codestream, int split) {
    byte[] first = java.util.Arrays.copyOfRange(codestream, 0, split);
    byte[] second = java.util.Arrays.copyOfRange(codestream, split, codestream.length);
    return new ByteWriter()
        .u32be(12).ascii("JXL ").u8(0x0D, 0x0A, 0x87, 0x0A)
        .box("ftyp", new ByteWriter().ascii("jxl ").u32be(0).ascii("jxl ").toByteArray())
        .box("jxlp", new ByteWriter().u32be(0).bytes(first).toByteArray())
        .box("jxlp", new ByteWriter().u32be(0x80000001L).bytes(second).toByteArray())
        .toByteArray();
  }

  /** Byte-order-aware writes for TIFF. */
  private static final class Endian {
    private final ByteWriter out;
    private final boolean little;

    Endian(ByteWriter out, boolean little) {
      this.out = out;
      this.little = little;
    }

    Endian u16(int v) {
      if (little) {
        out.u16le(v);
      } else {
        out.u16be(v);
      }
      return this;
    }

    Endian u32(long v) {
      if (little) {
        out.u32le(v);
      } else {
        out.u32be(v);
      }
      return this;
    }
  }
}
