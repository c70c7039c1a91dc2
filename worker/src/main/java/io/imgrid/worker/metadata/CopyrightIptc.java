package io.imgrid.worker.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code keep_copyright} for IPTC: only the IIM datasets imgproxy keeps, 2:80 (By-line), 2:110
 * (Credit) and 2:116 (Copyright Notice), in the order the source has them.
 *
 * <p>libvips' {@code iptc-data} is either a JPEG APP13 payload (the Photoshop image resource
 * block: {@code "Photoshop 3.0\0"} then {@code 8BIM} resources, IPTC in resource 0x0404), which
 * is rebuilt with that one resource, or raw IIM datasets (TIFF), which are filtered as they are.
 * Anything malformed keeps nothing rather than guessing.
 */
public final class CopyrightIptc {
  static final byte[] PHOTOSHOP = "Photoshop 3.0\0".getBytes(StandardCharsets.ISO_8859_1);
  static final int IPTC_RESOURCE = 0x0404;
  private static final int TAG = 0x1C;

  private CopyrightIptc() {}

  /** The filtered block in the source's layout, or empty when none of the datasets is there. */
  public static Optional<byte[]> keep(byte[] iptc) {
    try {
      if (startsWith(iptc, PHOTOSHOP)) {
        return fromResources(iptc).map(CopyrightIptc::resourceBlock);
      }
      return filter(iptc, 0, iptc.length);
    } catch (IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** Whether a dataset is one imgproxy keeps. */
  static boolean kept(int record, int dataset) {
    return record == 2 && (dataset == 80 || dataset == 110 || dataset == 116);
  }

  /** The kept datasets of every IPTC resource in the block. */
  private static Optional<byte[]> fromResources(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int p = PHOTOSHOP.length;
    while (p + 12 <= b.length && b[p] == '8' && b[p + 1] == 'B' && b[p + 2] == 'I'
        && b[p + 3] == 'M') {
      int id = u16(b, p + 4);
      int nameLength = b[p + 6] & 0xFF;
      int q = p + 6 + ((nameLength + 2) & ~1); // Pascal string padded to an even length
      long size = u32(b, q);
      int data = q + 4;
      if (size > b.length - data) {
        return Optional.empty();
      }
      if (id == IPTC_RESOURCE) {
        filter(b, data, data + (int) size).ifPresent(out::writeBytes);
      }
      p = data + (int) ((size + 1) & ~1L);
    }
    return out.size() == 0 ? Optional.empty() : Optional.of(out.toByteArray());
  }

  /** {@code "Photoshop 3.0\0"} and one 8BIM 0x0404 resource (empty name) holding {@code iim}. */
  private static byte[] resourceBlock(byte[] iim) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(PHOTOSHOP);
    out.writeBytes("8BIM".getBytes(StandardCharsets.ISO_8859_1));
    out.write(IPTC_RESOURCE >> 8);
    out.write(IPTC_RESOURCE & 0xFF);
    out.write(0); // empty Pascal name, padded
    out.write(0);
    out.write(iim.length >>> 24);
    out.write(iim.length >>> 16);
    out.write(iim.length >>> 8);
    out.write(iim.length);
    out.writeBytes(iim);
    if (iim.length % 2 != 0) {
      out.write(0);
    }
    return out.toByteArray();
  }

  /** The kept datasets of raw IIM in {@code b[from, to)}. */
  private static Optional<byte[]> filter(byte[] b, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int p = from;
    while (p + 5 <= to && (b[p] & 0xFF) == TAG) {
      int record = b[p + 1] & 0xFF;
      int dataset = b[p + 2] & 0xFF;
      int length = u16(b, p + 3);
      int header = 5;
      if ((length & 0x8000) != 0) {
        // extended dataset: the low bits give the size of the length field
        int n = length & 0x7FFF;
        if (n > 4 || p + 5 + n > to) {
          return Optional.empty();
        }
        long l = 0;
        for (int i = 0; i < n; i++) {
          l = (l << 8) | (b[p + 5 + i] & 0xFF);
        }
        if (l > to - (p + 5 + n)) {
          return Optional.empty();
        }
        header = 5 + n;
        length = (int) l;
      }
      int end = p + header + length;
      if (end > to) {
        return Optional.empty();
      }
      if (kept(record, dataset)) {
        out.write(b, p, end - p);
      }
      p = end;
    }
    return out.size() == 0 ? Optional.empty() : Optional.of(out.toByteArray());
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length
        && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static long u32(byte[] b, int p) {
    return ((long) u16(b, p) << 16) | u16(b, p + 2);
  }
}
