package io.imgrid.worker.vips;

/** Which decode problems make a load fail ({@code VipsFailOn}); see {@link LoadOptions}. */
public enum VipsFailOn implements VipsEnum {
  NONE("none"),
  TRUNCATED("truncated"),
  ERROR("error"),
  WARNING("warning");

  private final String nick;

  VipsFailOn(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
