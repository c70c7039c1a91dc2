package io.imgrid.shared.options;

/** An sRGB colour, each channel 0..255. */
public record Color(int r, int g, int b) {
  public static final Color WHITE = new Color(255, 255, 255);
  public static final Color MAGENTA = new Color(255, 0, 255);

  public Color {
    if (r < 0 || r > 255 || g < 0 || g > 255 || b < 0 || b > 255) {
      throw new IllegalArgumentException("channel out of 0..255");
    }
  }

  /** {@code RRGGBB}, lower case. */
  public String hex() {
    return String.format("%02x%02x%02x", r, g, b);
  }
}
