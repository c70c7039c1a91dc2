package io.imgrid.shared.geometry;

/**
 * imgproxy's integer rounding helpers ({@code imath/imath.go}). Sizes round half away from zero
 * (Go's {@code math.Round}); offsets and padding round half to even (Go's
 * {@code math.RoundToEven}). Getting these two apart wrong moves pixels by one, so every
 * geometry calculation goes through here.
 */
public final class IMath {
  private IMath() {}

  /** Go's {@code math.Round}: half away from zero. Java's {@code Math.round} rounds -2.5 to -2. */
  public static int round(double a) {
    double abs = Math.abs(a);
    double floor = Math.floor(abs);
    // abs - floor is exact, unlike abs + 0.5 which rounds 0.49999999999999994 up.
    double rounded = abs - floor >= 0.5 ? floor + 1 : floor;
    return (int) Math.copySign(rounded, a);
  }

  /** Go's {@code math.RoundToEven}: banker's rounding. */
  public static int roundToEven(double a) {
    return (int) Math.rint(a);
  }

  /** {@code round(a * scale)}, 0 staying 0. */
  public static int scale(int a, double scale) {
    return a == 0 ? 0 : round(a * scale);
  }

  /** {@code roundToEven(a * scale)}, 0 staying 0. */
  public static int scaleToEven(int a, double scale) {
    return a == 0 ? 0 : roundToEven(a * scale);
  }

  /** {@code round(a / shrink)}, 0 staying 0. */
  public static int shrink(int a, double shrink) {
    return a == 0 ? 0 : round(a / shrink);
  }

  /** {@code roundToEven(a / shrink)}, 0 staying 0. */
  public static int shrinkToEven(int a, double shrink) {
    return a == 0 ? 0 : roundToEven(a / shrink);
  }

  /** The smaller of the two, where 0 means "unset" and loses to any other value. */
  public static int minNonZero(int a, int b) {
    if (a == 0) {
      return b;
    }
    if (b == 0) {
      return a;
    }
    return Math.min(a, b);
  }
}
