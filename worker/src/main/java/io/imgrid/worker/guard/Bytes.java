package io.imgrid.worker.guard;

import io.imgrid.shared.error.ImageException;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reads from the source bytes. Positions are {@code long} so that offsets built
 * from hostile 32- or 64-bit size fields can never wrap around; any read past the end is a
 * truncated header, answered as 422 and never as an {@link IndexOutOfBoundsException}.
 */
final class Bytes {
  private final byte[] data;
  private final String format;

  Bytes(byte[] data, String format) {
    this.data = data;
    this.format = format;
  }

  long length() {
    return data.length;
  }

  /** Whether {@code n} bytes are available at {@code pos}. */
  boolean has(long pos, long n) {
    return pos >= 0 && n >= 0 && pos <= data.length && n <= data.length - pos;
  }

  int u8(long pos) {
    need(pos, 1);
    return data[(int) pos] & 0xFF;
  }

  int u16be(long pos) {
    need(pos, 2);
    int p = (int) pos;
    return ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
  }

  int u16le(long pos) {
    need(pos, 2);
    int p = (int) pos;
    return (data[p] & 0xFF) | ((data[p + 1] & 0xFF) << 8);
  }

  int u24le(long pos) {
    need(pos, 3);
    int p = (int) pos;
    return (data[p] & 0xFF) | ((data[p + 1] & 0xFF) << 8) | ((data[p + 2] & 0xFF) << 16);
  }

  long u32be(long pos) {
    return ((long) u16be(pos) << 16) | u16be(pos + 2);
  }

  long u32le(long pos) {
    return u16le(pos) | ((long) u16le(pos + 2) << 16);
  }

  /** A 64-bit big-endian value; negative results (top bit set) are reported as bogus. */
  long u64be(long pos) {
    long v = (u32be(pos) << 32) | u32be(pos + 4);
    if (v < 0) {
      throw broken("64-bit size out of range");
    }
    return v;
  }

  /** Whether the ASCII string {@code s} sits at {@code pos}. */
  boolean ascii(long pos, String s) {
    if (!has(pos, s.length())) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if ((data[(int) pos + i] & 0xFF) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Four ASCII bytes at {@code pos} (box and chunk types). */
  String fourcc(long pos) {
    need(pos, 4);
    return new String(data, (int) pos, 4, StandardCharsets.ISO_8859_1);
  }

  /** A copy of up to {@code n} bytes at {@code pos}, fewer if the data ends first. */
  byte[] slice(long pos, int n) {
    if (pos < 0 || pos >= data.length || n <= 0) {
      return new byte[0];
    }
    int len = (int) Math.min(n, data.length - pos);
    byte[] out = new byte[len];
    System.arraycopy(data, (int) pos, out, 0, len);
    return out;
  }

  /**
   * A declared width or height as an int: 0 or less is a broken header; above 2^31-1 it is over
   * any resolution limit, so "Invalid source image".
   */
  int dimension(long value, String what) {
    if (value < 1) {
      throw broken(what + " out of range: " + value);
    }
    if (value > Integer.MAX_VALUE) {
      throw ImageException.invalidSource(format + ": " + what + " " + value + " is too large");
    }
    return (int) value;
  }

  ImageException broken(String detail) {
    return ImageException.broken(format + ": " + detail, null);
  }

  private void need(long pos, long n) {
    if (!has(pos, n)) {
      throw broken("truncated header");
    }
  }
}
