package io.imgrid.shared.options;

/**
 * {@code crop} before resize: a size ≥ 1 is pixels, < 1 a fraction of the source, 0 the full
 * size. A null gravity means "use the main {@code gravity}".
 */
public record Crop(double width, double height, Gravity gravity) {
  public static final Crop NONE = new Crop(0, 0, null);

  public boolean isNone() {
    return width == 0 && height == 0;
  }
}
