package io.imgrid.shared.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.util.Objects;
import java.util.function.Function;

/**
 * Carries one message type across the cluster as {@code int length + versioned bytes}; locally
 * the (immutable) object itself is delivered. The version lives in the bytes, not in the codec
 * name, so a node always finds the codec and can answer an unreadable message with a typed
 * failure instead of a lookup error.
 */
final class BytesCodec<T> implements MessageCodec<T, T> {
  private final String name;
  private final Function<T, byte[]> encoder;
  private final Function<byte[], T> decoder;

  BytesCodec(String name, Function<T, byte[]> encoder, Function<byte[], T> decoder) {
    this.name = Objects.requireNonNull(name, "name == null");
    this.encoder = Objects.requireNonNull(encoder, "encoder == null");
    this.decoder = Objects.requireNonNull(decoder, "decoder == null");
  }

  @Override
  public void encodeToWire(Buffer buffer, T message) {
    byte[] bytes = encoder.apply(message);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  /**
   * @throws BusFormatException when the frame is truncated or malformed
   * @throws UnsupportedVersionException when it was written by another wire version
   */
  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    if (pos < 0 || buffer.length() - pos < 4) {
      throw new BusFormatException("truncated frame: no length prefix");
    }
    int length = buffer.getInt(pos);
    int available = buffer.length() - pos - 4;
    if (length < 0 || length > available) {
      throw new BusFormatException(
          "truncated frame: declared " + length + " bytes, " + available + " available");
    }
    return decoder.apply(buffer.getBytes(pos + 4, pos + 4 + length));
  }

  /** Messages are immutable: local delivery hands over the same instance. */
  @Override
  public T transform(T message) {
    return message;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
