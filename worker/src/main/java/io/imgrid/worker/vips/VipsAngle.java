package io.imgrid.worker.vips;

/** Rotation by a multiple of 90 degrees ({@code VipsAngle}). */
public enum VipsAngle implements VipsEnum {
  D0("d0"),
  D90("d90"),
  D180("d180"),
  D270("d270");

  private final String nick;

  VipsAngle(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
