package io.imgrid.worker.metadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The IPTC-IIM datasets in libvips' {@code iptc-data}: either a JPEG APP13 payload (the Photoshop
 * image resource block: {@code "Photoshop 3.0\0"} then {@code 8BIM} resources, IPTC in resource
 * 0x0404) or raw IIM datasets (TIFF). Anything malformed reads as empty rather than guessed at.
 */
public final class IptcDatasets {
  static final byte[] PHOTOSHOP = "Photoshop 3.0\0".getBytes(StandardCharsets.ISO_8859_1);
  static final int IPTC_RESOURCE = 0x0404;
  private static final int TAG = 0x1C;

  private IptcDatasets() {}

  /**
   * One dataset: its record and number, where it starts in the block and where its value begins
   * and ends.
   */
  public record Dataset(int record, int number, int start, int valueStart, int end) {
    /** The value bytes of this dataset in {@code block}. */
    public byte[] value(byte[] block) {
      return Arrays.copyOfRange(block, valueStart, end);
    }
  }

  /** Whether the block is a Photoshop resource block (else raw IIM). */
  public static boolean isResourceBlock(byte[] iptc) {
    return iptc.length >= PHOTOSHOP.length
        && Arrays.equals(iptc, 0, PHOTOSHOP.length, PHOTOSHOP, 0, PHOTOSHOP.length);
  }

  /** Every dataset in source order, or empty when the block is malformed. */
  public static Optional<List<Dataset>> read(byte[] iptc) {
    List<Dataset> out = new ArrayList<>();
    try {
      boolean ok = isResourceBlock(iptc) ? fromResources(iptc, out) : iim(iptc, 0, iptc.length, out);
      return ok ? Optional.of(out) : Optional.empty();
    } catch (IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static boolean fromResources(byte[] b, List<Dataset> out) {
    int p = PHOTOSHOP.length;
    while (p + 12 <= b.length && b[p] == '8' && b[p + 1] == 'B' && b[p + 2] == 'I'
        && b[p + 3] == 'M') {
      int id = u16(b, p + 4);
      int nameLength = b[p + 6] & 0xFF;
      int q = p + 6 + ((nameLength + 2) & ~1); // Pascal string padded to an even length
      long size = u32(b, q);
      int data = q + 4;
      if (size > b.length - data) {
        return false;
      }
      if (id == IPTC_RESOURCE && !iim(b, data, data + (int) size, out)) {
        return false;
      }
      p = data + (int) ((size + 1) & ~1L);
    }
    return true;
  }

  /** The raw IIM datasets in {@code b[from, to)}. */
  private static boolean iim(byte[] b, int from, int to, List<Dataset> out) {
    int p = from;
    while (p + 5 <= to && (b[p] & 0xFF) == TAG) {
      int length = u16(b, p + 3);
      int header = 5;
      if ((length & 0x8000) != 0) {
        // extended dataset: the low bits give the size of the length field
        int n = length & 0x7FFF;
        if (n > 4 || p + 5 + n > to) {
          return false;
        }
        long l = 0;
        for (int i = 0; i < n; i++) {
          l = (l << 8) | (b[p + 5 + i] & 0xFF);
        }
        if (l > to - (p + 5 + n)) {
          return false;
        }
        header = 5 + n;
        length = (int) l;
      }
      int end = p + header + length;
      if (end > to) {
        return false;
      }
      out.add(new Dataset(b[p + 1] & 0xFF, b[p + 2] & 0xFF, p, p + header, end));
      p = end;
    }
    return true;
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static long u32(byte[] b, int p) {
    return ((long) u16(b, p) << 16) | u16(b, p + 2);
  }
}
