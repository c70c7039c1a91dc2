package io.imgrid.worker.vips;

/** Flip direction ({@code VipsDirection}). */
public enum VipsDirection implements VipsEnum {
  HORIZONTAL("horizontal"),
  VERTICAL("vertical");

  private final String nick;

  VipsDirection(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
