package io.imgrid.shared.bus;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain byte format every bus message uses: a version byte, a message-type byte, then
 * big-endian fixed-width numbers and length-prefixed fields. Strings are explicit UTF-8; a
 * nullable field is preceded by a presence byte. No Java serialization, ever.
 *
 * <p>The reader never trusts a length prefix: each one is checked against the bytes that remain
 * before anything is allocated, so a corrupt or hostile message costs no memory.
 */
final class Wire {
  /**
   * The only wire version this build writes and reads (2: jobs carry a trace context, results
   * the worker's timings).
   */
  static final int VERSION = 2;

  static final byte TYPE_JOB = 1;
  static final byte TYPE_RESULT = 2;
  static final byte TYPE_FAILURE = 3;
  static final byte TYPE_LEAVING = 4;
  static final byte TYPE_PROGRESS = 5;

  private Wire() {}

  /** Writes one message; start with {@link #header}. */
  static final class Writer {
    private final ByteArrayOutputStream bytes;
    private final DataOutputStream out;

    Writer(int sizeHint) {
      bytes = new ByteArrayOutputStream(Math.max(64, sizeHint));
      out = new DataOutputStream(bytes);
    }

    Writer header(byte type) {
      return u8(VERSION).u8(type);
    }

    Writer u8(int v) {
      try {
        out.writeByte(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer bool(boolean v) {
      return u8(v ? 1 : 0);
    }

    Writer i32(int v) {
      try {
        out.writeInt(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer i64(long v) {
      try {
        out.writeLong(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer bytes(byte[] v) {
      i32(v.length);
      try {
        out.write(v);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    /** A non-null string. */
    Writer str(String v) {
      return bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    /** A nullable string: a presence byte, then the string if present. */
    Writer optStr(String v) {
      bool(v != null);
      return v == null ? this : str(v);
    }

    /** A count byte, then each timing's name, start and duration. */
    Writer timings(List<Timing> timings) {
      u8(timings.size());
      for (Timing t : timings) {
        str(t.name()).i64(t.startEpochMicros()).i64(t.durationMicros());
      }
      return this;
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }

  /** Reads one message; start with {@link #header}. Every read is bounds-checked. */
  static final class Reader {
    private final byte[] in;
    private int pos;

    Reader(byte[] in) {
      this.in = in;
    }

    /** Checks the version and the message type, in that order. */
    Reader header(byte expectedType) {
      if (in.length == 0) {
        throw new BusFormatException("empty message");
      }
      int version = u8();
      if (version != VERSION) {
        throw new UnsupportedVersionException(version);
      }
      int type = u8();
      if (type != expectedType) {
        throw new BusFormatException("message type " + type + ", expected " + expectedType);
      }
      return this;
    }

    private void need(long n, String what) {
      if (n < 0 || n > in.length - pos) {
        throw new BusFormatException(
            "truncated message: " + what + " needs " + n + " bytes, " + (in.length - pos) + " left");
      }
    }

    /** Bytes not read yet: lets a reader check a count before it allocates for it. */
    int remaining() {
      return in.length - pos;
    }

    int u8() {
      need(1, "byte");
      return in[pos++] & 0xff;
    }

    boolean bool() {
      int v = u8();
      if (v > 1) {
        throw new BusFormatException("bad boolean " + v);
      }
      return v == 1;
    }

    int i32() {
      need(4, "int");
      int v = ByteBuffer.wrap(in, pos, 4).getInt();
      pos += 4;
      return v;
    }

    long i64() {
      need(8, "long");
      long v = ByteBuffer.wrap(in, pos, 8).getLong();
      pos += 8;
      return v;
    }

    byte[] bytes() {
      int len = i32();
      need(len, "field of declared length " + len);
      byte[] v = new byte[len];
      System.arraycopy(in, pos, v, 0, len);
      pos += len;
      return v;
    }

    String str() {
      int len = i32();
      need(len, "string of declared length " + len);
      try {
        String s =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(in, pos, len))
                .toString();
        pos += len;
        return s;
      } catch (CharacterCodingException e) {
        throw new BusFormatException("string is not UTF-8");
      }
    }

    String optStr() {
      return bool() ? str() : null;
    }

    /** {@link Writer#timings} output; more than {@link Timing#MAX_PER_RESULT} is malformed. */
    List<Timing> timings() {
      int n = u8();
      if (n > Timing.MAX_PER_RESULT) {
        throw new BusFormatException(n + " timings, at most " + Timing.MAX_PER_RESULT);
      }
      List<Timing> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new Timing(str(), i64(), i64()));
      }
      return out;
    }

    /** Trailing bytes mean the writer and reader disagree on the layout. */
    void end() {
      if (pos != in.length) {
        throw new BusFormatException((in.length - pos) + " unexpected trailing bytes");
      }
    }
  }
}
