package io.imgrid.shared.options;

import java.util.Objects;

/**
 * A gravity with its offsets. For {@link GravityType#FOCUS_POINT} x and y are the focus point in
 * [0, 1]; otherwise |v| ≥ 1 is pixels (scaled by dpr) and |v| < 1 a fraction of the image.
 */
public record Gravity(GravityType type, double x, double y) {
  public static final Gravity CENTER = new Gravity(GravityType.CENTER, 0, 0);

  public Gravity {
    Objects.requireNonNull(type, "type == null");
  }
}
