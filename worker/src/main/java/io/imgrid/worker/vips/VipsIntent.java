package io.imgrid.worker.vips;

/** ICC rendering intent ({@code VipsIntent}). */
public enum VipsIntent implements VipsEnum {
  PERCEPTUAL("perceptual"),
  RELATIVE("relative"),
  SATURATION("saturation"),
  ABSOLUTE("absolute");

  private final String nick;

  VipsIntent(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
