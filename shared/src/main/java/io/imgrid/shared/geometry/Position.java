package io.imgrid.shared.geometry;

import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;

/**
 * Where an inner box goes inside an outer one (imgproxy {@code calcPosition}): the top-left
 * corner used for crops, extends and watermarks.
 *
 * <p>Centre placement is {@code roundEven((W - w + 1) / 2)}, so an odd leftover pixel goes to the
 * right/bottom. Offsets with |v| ≥ 1 are pixels multiplied by {@code offsetScale} (the dpr scale);
 * |v| < 1 is a fraction of the outer size. East/south offsets push inwards. For
 * {@link GravityType#FOCUS_POINT} x/y are the point in [0, 1] that the inner box centres on.
 * {@link GravityType#SMART} has no geometric answer and is placed as centre.
 */
public record Position(int left, int top) {

  /** Offsets at scale 1, clamped inside the outer box. */
  public static Position of(
      GravityType type, int outerW, int outerH, int innerW, int innerH, double offX, double offY) {
    return of(new Gravity(type, offX, offY), outerW, outerH, innerW, innerH, 1.0, false);
  }

  /** Clamped inside the outer box, as crops and extends use it. */
  public static Position of(
      Gravity gravity, int outerW, int outerH, int innerW, int innerH, double offsetScale) {
    return of(gravity, outerW, outerH, innerW, innerH, offsetScale, false);
  }

  /**
   * @param allowOverflow let the inner box hang over the edges, keeping at least one pixel inside
   *     (watermarks); otherwise it is clamped fully inside
   */
  public static Position of(
      Gravity gravity,
      int outerW,
      int outerH,
      int innerW,
      int innerH,
      double offsetScale,
      boolean allowOverflow) {
    GravityType type = gravity.type();
    int left;
    int top;
    if (type == GravityType.FOCUS_POINT) {
      left = IMath.scaleToEven(outerW, gravity.x()) - innerW / 2;
      top = IMath.scaleToEven(outerH, gravity.y()) - innerH / 2;
    } else {
      int offX = offset(gravity.x(), outerW, offsetScale);
      int offY = offset(gravity.y(), outerH, offsetScale);

      left = IMath.shrinkToEven(outerW - innerW + 1, 2) + offX;
      top = IMath.shrinkToEven(outerH - innerH + 1, 2) + offY;

      if (type == GravityType.NORTH
          || type == GravityType.NORTH_EAST
          || type == GravityType.NORTH_WEST) {
        top = offY;
      }
      if (type == GravityType.EAST
          || type == GravityType.NORTH_EAST
          || type == GravityType.SOUTH_EAST) {
        left = outerW - innerW - offX;
      }
      if (type == GravityType.SOUTH
          || type == GravityType.SOUTH_EAST
          || type == GravityType.SOUTH_WEST) {
        top = outerH - innerH - offY;
      }
      if (type == GravityType.WEST
          || type == GravityType.NORTH_WEST
          || type == GravityType.SOUTH_WEST) {
        left = offX;
      }
    }

    int minX;
    int maxX;
    int minY;
    int maxY;
    if (allowOverflow) {
      minX = -innerW + 1;
      maxX = outerW - 1;
      minY = -innerH + 1;
      maxY = outerH - 1;
    } else {
      minX = 0;
      maxX = outerW - innerW;
      minY = 0;
      maxY = outerH - innerH;
    }
    return new Position(clamp(left, minX, maxX), clamp(top, minY, maxY));
  }

  private static int offset(double v, int outer, double offsetScale) {
    return Math.abs(v) >= 1.0 ? IMath.roundToEven(v * offsetScale) : IMath.scaleToEven(outer, v);
  }

  /** max(min, min(v, max)) as Go writes it: when min > max, min wins. */
  private static int clamp(int v, int min, int max) {
    return Math.max(min, Math.min(v, max));
  }
}
