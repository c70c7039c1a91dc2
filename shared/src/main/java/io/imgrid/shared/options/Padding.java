package io.imgrid.shared.options;

/** {@code padding} in CSS order, in pixels before dpr. */
public record Padding(int top, int right, int bottom, int left) {
  public static final Padding NONE = new Padding(0, 0, 0, 0);

  public Padding {
    if (top < 0 || right < 0 || bottom < 0 || left < 0) {
      throw new IllegalArgumentException("padding < 0");
    }
  }

  public boolean isNone() {
    return top == 0 && right == 0 && bottom == 0 && left == 0;
  }
}
