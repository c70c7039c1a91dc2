package io.imgrid.worker.vips;

/** PNG row filter ({@code VipsForeignPngFilter} flags); imgproxy uses {@link #ALL}, or {@link #NONE} for palettes. */
public enum VipsPngFilter implements VipsEnum {
  NONE("none"),
  SUB("sub"),
  UP("up"),
  AVG("avg"),
  PAETH("paeth"),
  ALL("all");

  private final String nick;

  VipsPngFilter(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
