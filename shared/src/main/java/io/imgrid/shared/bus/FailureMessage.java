package io.imgrid.shared.bus;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import java.util.Objects;

/**
 * A worker's failed answer: the {@link ErrorKind#code()} (stable across releases), the HTTP status
 * to answer (which may be a mirrored origin 4xx) and the internal detail for the gateway's log.
 * The gateway rebuilds the typed exception with {@link #toException()}.
 */
public record FailureMessage(int code, int status, String detail) {

  public static final int VERSION = Wire.VERSION;

  public FailureMessage {
    Objects.requireNonNull(detail, "detail == null");
  }

  public static FailureMessage of(ImgridException e) {
    return new FailureMessage(e.kind().code(), e.status(), String.valueOf(e.detail()));
  }

  /** The failure a node answers when it cannot read a message (the gateway retries elsewhere). */
  public static FailureMessage of(BusFormatException e) {
    return new FailureMessage(e.kind().code(), e.kind().status(), e.getMessage());
  }

  /** The kind for {@link #code()}; {@link ErrorKind#INTERNAL} for a code this build does not know. */
  public ErrorKind kind() {
    return ErrorKind.ofCode(code);
  }

  public ImgridException toException() {
    return ImgridException.fromWire(code, status, detail);
  }

  public byte[] toBytes() {
    return new Wire.Writer(16 + detail.length())
        .header(Wire.TYPE_FAILURE)
        .i32(code)
        .i32(status)
        .str(detail)
        .toByteArray();
  }

  /**
   * @throws UnsupportedVersionException for another wire version
   * @throws BusFormatException for truncated or malformed bytes
   */
  public static FailureMessage fromBytes(byte[] bytes) {
    Wire.Reader r = new Wire.Reader(bytes).header(Wire.TYPE_FAILURE);
    FailureMessage m = new FailureMessage(r.i32(), r.i32(), r.str());
    r.end();
    return m;
  }
}
