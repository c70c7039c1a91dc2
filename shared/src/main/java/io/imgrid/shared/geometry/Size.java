package io.imgrid.shared.geometry;

/** A width × height in pixels; 0 in either means "unset" where a step says so. */
public record Size(int width, int height) {
  public static final Size ZERO = new Size(0, 0);

  public boolean isZero() {
    return width == 0 && height == 0;
  }

  @Override
  public String toString() {
    return width + "x" + height;
  }
}
