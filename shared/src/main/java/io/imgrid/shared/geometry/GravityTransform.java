package io.imgrid.shared.geometry;

import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;

/**
 * Remaps a gravity for an image that is cropped <em>before</em> it is flipped and rotated
 * (imgproxy {@code GravityOptions.RotateAndFlip}). The pipeline crops first because it is
 * cheaper; cropping with the remapped gravity and then rotating gives the same pixels as rotating
 * first and cropping with the original gravity.
 *
 * <p>The pre-resize crop is remapped twice, in the reverse of the order the rotations are applied:
 * first for the user's {@code rotate}/{@code flip}, then for the EXIF orientation
 * ({@link #forSourceCrop}).
 */
public final class GravityTransform {
  private GravityTransform() {}

  /** The crop gravity as it applies to the un-rotated, un-flipped source. */
  public static Gravity forSourceCrop(
      Gravity gravity, Orientation exif, int rotate, boolean flipHorizontal, boolean flipVertical) {
    Gravity g = rotateAndFlip(gravity, rotate, flipHorizontal, flipVertical);
    return rotateAndFlip(g, exif.angle(), exif.flip(), false);
  }

  /** One remapping step: flip X, then flip Y, then the clockwise {@code angle}. */
  public static Gravity rotateAndFlip(Gravity g, int angle, boolean flipX, boolean flipY) {
    GravityType type = g.type();
    double x = g.x();
    double y = g.y();
    angle = Math.floorMod(angle, 360);

    if (flipX) {
      type = flipX(type);
      if (type == GravityType.CENTER || type == GravityType.NORTH || type == GravityType.SOUTH) {
        x = -x;
      } else if (type == GravityType.FOCUS_POINT) {
        x = 1.0 - x;
      }
    }

    if (flipY) {
      type = flipY(type);
      if (type == GravityType.CENTER || type == GravityType.EAST || type == GravityType.WEST) {
        y = -y;
      } else if (type == GravityType.FOCUS_POINT) {
        y = 1.0 - y;
      }
    }

    if (angle == 90) {
      type = rotate90(type);
      if (type == GravityType.CENTER || type == GravityType.EAST || type == GravityType.WEST) {
        double t = x;
        x = y;
        y = -t;
      } else if (type == GravityType.FOCUS_POINT) {
        double t = x;
        x = y;
        y = 1.0 - t;
      } else {
        double t = x;
        x = y;
        y = t;
      }
    } else if (angle == 180) {
      type = rotate90(rotate90(type));
      if (type == GravityType.CENTER) {
        x = -x;
        y = -y;
      } else if (type == GravityType.NORTH || type == GravityType.SOUTH) {
        x = -x;
      } else if (type == GravityType.EAST || type == GravityType.WEST) {
        y = -y;
      } else if (type == GravityType.FOCUS_POINT) {
        x = 1.0 - x;
        y = 1.0 - y;
      }
    } else if (angle == 270) {
      type = rotate90(rotate90(rotate90(type)));
      if (type == GravityType.CENTER || type == GravityType.NORTH || type == GravityType.SOUTH) {
        double t = x;
        x = -y;
        y = t;
      } else if (type == GravityType.FOCUS_POINT) {
        double t = x;
        x = 1.0 - y;
        y = t;
      } else {
        double t = x;
        x = y;
        y = t;
      }
    }
    return new Gravity(type, x, y);
  }

  private static GravityType flipX(GravityType t) {
    switch (t) {
      case EAST:
        return GravityType.WEST;
      case WEST:
        return GravityType.EAST;
      case NORTH_WEST:
        return GravityType.NORTH_EAST;
      case NORTH_EAST:
        return GravityType.NORTH_WEST;
      case SOUTH_WEST:
        return GravityType.SOUTH_EAST;
      case SOUTH_EAST:
        return GravityType.SOUTH_WEST;
      default:
        return t;
    }
  }

  private static GravityType flipY(GravityType t) {
    switch (t) {
      case NORTH:
        return GravityType.SOUTH;
      case SOUTH:
        return GravityType.NORTH;
      case NORTH_WEST:
        return GravityType.SOUTH_WEST;
      case NORTH_EAST:
        return GravityType.SOUTH_EAST;
      case SOUTH_WEST:
        return GravityType.NORTH_WEST;
      case SOUTH_EAST:
        return GravityType.NORTH_EAST;
      default:
        return t;
    }
  }

  /** imgproxy's 90° table; 180° and 270° are this applied two and three times. */
  private static GravityType rotate90(GravityType t) {
    switch (t) {
      case NORTH:
        return GravityType.WEST;
      case EAST:
        return GravityType.NORTH;
      case SOUTH:
        return GravityType.EAST;
      case WEST:
        return GravityType.SOUTH;
      case NORTH_WEST:
        return GravityType.SOUTH_WEST;
      case NORTH_EAST:
        return GravityType.NORTH_WEST;
      case SOUTH_WEST:
        return GravityType.SOUTH_EAST;
      case SOUTH_EAST:
        return GravityType.NORTH_EAST;
      default:
        return t;
    }
  }
}
