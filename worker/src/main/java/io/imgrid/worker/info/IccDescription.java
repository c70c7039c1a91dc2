package io.imgrid.worker.info;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The description of an ICC profile ("sRGB IEC61966-2.1", "Display P3"): its {@code desc} tag,
 * as ICC v2's {@code textDescriptionType} (ASCII) or v4's {@code multiLocalizedUnicodeType} (the
 * first record, UTF-16BE). Bounds-checked throughout; anything malformed is empty.
 */
final class IccDescription {
  private static final int DESC = 0x64657363; // 'desc'
  private static final int TEXT_DESCRIPTION = 0x64657363; // 'desc' type, v2
  private static final int MLUC = 0x6d6c7563; // 'mluc' type, v4
  private static final int MAX_TAGS = 200;

  private IccDescription() {}

  static Optional<String> of(byte[] icc) {
    try {
      int tags = (int) Math.min(u32(icc, 128), MAX_TAGS);
      for (int i = 0; i < tags; i++) {
        int entry = 132 + 12 * i;
        if (u32(icc, entry) == DESC) {
          return text(icc, (int) u32(icc, entry + 4), (int) u32(icc, entry + 8));
        }
      }
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      // malformed: no description
    }
    return Optional.empty();
  }

  private static Optional<String> text(byte[] icc, int offset, int size) {
    if (offset < 0 || size < 12 || offset + (long) size > icc.length) {
      return Optional.empty();
    }
    long type = u32(icc, offset);
    if (type == TEXT_DESCRIPTION) {
      int count = (int) Math.min(u32(icc, offset + 8), size - 12L);
      String s = new String(icc, offset + 12, count, StandardCharsets.US_ASCII);
      return clean(s);
    }
    if (type == MLUC && u32(icc, offset + 8) > 0) {
      int length = (int) u32(icc, offset + 20);
      int start = (int) u32(icc, offset + 24);
      if (start < 0 || length < 0 || start + (long) length > size) {
        return Optional.empty();
      }
      return clean(new String(icc, offset + start, length, StandardCharsets.UTF_16BE));
    }
    return Optional.empty();
  }

  private static Optional<String> clean(String s) {
    int nul = s.indexOf('\0');
    String t = (nul >= 0 ? s.substring(0, nul) : s).trim();
    return t.isEmpty() ? Optional.empty() : Optional.of(t);
  }

  private static long u32(byte[] b, int p) {
    return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }
}
