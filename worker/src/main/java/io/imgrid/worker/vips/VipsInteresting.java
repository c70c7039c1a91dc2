package io.imgrid.worker.vips;

/** Smart-crop strategy ({@code VipsInteresting}). */
public enum VipsInteresting implements VipsEnum {
  NONE("none"),
  CENTRE("centre"),
  ENTROPY("entropy"),
  ATTENTION("attention"),
  LOW("low"),
  HIGH("high"),
  ALL("all");

  private final String nick;

  VipsInteresting(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
