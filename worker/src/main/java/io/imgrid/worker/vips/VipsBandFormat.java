package io.imgrid.worker.vips;

/**
 * Pixel sample format ({@code VipsBandFormat}), with the native value {@code
 * vips_image_new_from_memory} takes and the bytes per sample.
 */
public enum VipsBandFormat implements VipsEnum {
  UCHAR("uchar", 0, 1),
  CHAR("char", 1, 1),
  USHORT("ushort", 2, 2),
  SHORT("short", 3, 2),
  UINT("uint", 4, 4),
  INT("int", 5, 4),
  FLOAT("float", 6, 4),
  COMPLEX("complex", 7, 8),
  DOUBLE("double", 8, 8),
  DPCOMPLEX("dpcomplex", 9, 16);

  private final String nick;
  private final int value;
  private final int bytesPerSample;

  VipsBandFormat(String nick, int value, int bytesPerSample) {
    this.nick = nick;
    this.value = value;
    this.bytesPerSample = bytesPerSample;
  }

  @Override
  public String nick() {
    return nick;
  }

  int value() {
    return value;
  }

  public int bytesPerSample() {
    return bytesPerSample;
  }

  static VipsBandFormat ofValue(int value) {
    for (VipsBandFormat f : values()) {
      if (f.value == value) {
        return f;
      }
    }
    throw new IllegalStateException("unknown VipsBandFormat " + value);
  }
}
