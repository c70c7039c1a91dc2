package io.imgrid.worker.vips;

/** Resampling kernel ({@code VipsKernel}); imgproxy resizes with {@link #LANCZOS3}. */
public enum VipsKernel implements VipsEnum {
  NEAREST("nearest"),
  LINEAR("linear"),
  CUBIC("cubic"),
  MITCHELL("mitchell"),
  LANCZOS2("lanczos2"),
  LANCZOS3("lanczos3");

  private final String nick;

  VipsKernel(String nick) {
    this.nick = nick;
  }

  @Override
  public String nick() {
    return nick;
  }
}
