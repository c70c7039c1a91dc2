package io.imgrid.worker.guard;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Assembles binary test fixtures byte by byte; every method returns {@code this}. */
public final class ByteWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public ByteWriter u8(int... values) {
    for (int v : values) {
      out.write(v);
    }
    return this;
  }

  public ByteWriter u16le(int v) {
    return u8(v & 0xFF, (v >>> 8) & 0xFF);
  }

  public ByteWriter u16be(int v) {
    return u8((v >>> 8) & 0xFF, v & 0xFF);
  }

  public ByteWriter u24le(int v) {
    return u8(v & 0xFF, (v >>> 8) & 0xFF, (v >>> 16) & 0xFF);
  }

  public ByteWriter u32le(long v) {
    return u16le((int) (v & 0xFFFF)).u16le((int) ((v >>> 16) & 0xFFFF));
  }

  public ByteWriter u32be(long v) {
    return u16be((int) ((v >>> 16) & 0xFFFF)).u16be((int) (v & 0xFFFF));
  }

  public ByteWriter ascii(String s) {
    return bytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  public ByteWriter bytes(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  public ByteWriter zeros(int n) {
    return bytes(new byte[n]);
  }

  /** A PNG chunk: length, type, data and a correct CRC. */
  public ByteWriter pngChunk(String type, byte[] data) {
    CRC32 crc = new CRC32();
    byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
    crc.update(t);
    crc.update(data);
    return u32be(data.length).bytes(t).bytes(data).u32be(crc.getValue());
  }

  /** An ISO BMFF box with a 32-bit size. */
  public ByteWriter box(String type, byte[] body) {
    return u32be(8L + body.length).ascii(type).bytes(body);
  }

  public int size() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
