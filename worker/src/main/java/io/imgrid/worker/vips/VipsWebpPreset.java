package io.imgrid.worker.vips;

/** libwebp preset ({@code VipsForeignWebpPreset}), imgproxy's {@code IMGPROXY_WEBP_PRESET}. */
public enum VipsWebpPreset implements VipsEnum {
  DEFAULT("default"),
  PICTURE("picture"),
  PHOTO("photo"),
  DRAWING("drawing"),
  ICON("icon"),
  TEXT("text");

  private final String nick;

  VipsWebpPreset(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
