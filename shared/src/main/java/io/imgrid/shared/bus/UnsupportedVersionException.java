package io.imgrid.shared.bus;

/** The message starts with a wire version this build cannot read. */
public final class UnsupportedVersionException extends BusFormatException {
  private final int version;

  public UnsupportedVersionException(int version) {
    super("unsupported event-bus message version " + version + ", this node reads " + Wire.VERSION);
    this.version = version;
  }

  /** The version byte found in the message. */
  public int version() {
    return version;
  }
}
