package io.imgrid.shared.geometry;

/**
 * The rotation and mirror an EXIF orientation tag asks for (imgproxy {@code angleFlip}): 3–4 are
 * 180°, 5–6 are 90°, 7–8 are 270°, and 2, 4, 5, 7 are also mirrored horizontally. The angle is
 * clockwise and applied after the flip, as libvips' autorotate does.
 */
public record Orientation(int angle, boolean flip) {
  public static final Orientation NONE = new Orientation(0, false);

  /** Any tag outside 1..8 (or {@code autoRotate} off) means no change. */
  public static Orientation ofExif(int exifOrientation, boolean autoRotate) {
    if (!autoRotate) {
      return NONE;
    }
    int angle;
    switch (exifOrientation) {
      case 3, 4 -> angle = 180;
      case 5, 6 -> angle = 90;
      case 7, 8 -> angle = 270;
      default -> angle = 0;
    }
    boolean flip =
        exifOrientation == 2 || exifOrientation == 4 || exifOrientation == 5 || exifOrientation == 7;
    return new Orientation(angle, flip);
  }
}
