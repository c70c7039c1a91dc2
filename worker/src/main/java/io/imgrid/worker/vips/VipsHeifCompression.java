package io.imgrid.worker.vips;

/** HEIF codec ({@code VipsForeignHeifCompression}): HEVC for HEIC, AV1 for AVIF. */
public enum VipsHeifCompression implements VipsEnum {
  HEVC("hevc"),
  AVC("avc"),
  JPEG("jpeg"),
  AV1("av1");

  private final String nick;

  VipsHeifCompression(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
