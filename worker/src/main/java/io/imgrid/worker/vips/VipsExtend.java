package io.imgrid.worker.vips;

/** How {@code embed} fills new pixels ({@code VipsExtend}). */
public enum VipsExtend implements VipsEnum {
  BLACK("black"),
  COPY("copy"),
  REPEAT("repeat"),
  MIRROR("mirror"),
  WHITE("white"),
  BACKGROUND("background");

  private final String nick;

  VipsExtend(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
