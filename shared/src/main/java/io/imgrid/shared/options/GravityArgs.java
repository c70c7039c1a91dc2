package io.imgrid.shared.options;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code type[:x:y]} gravities as imgproxy does: {@code sm} takes no offsets, {@code fp}
 * takes exactly two in [0, 1], the others at most two. Offsets that are not given keep their
 * previous values (imgproxy keeps them in its option map), except {@code sm}, which clears them.
 */
final class GravityArgs {
  /** {@code gravity} and {@code crop}: every OSS type. */
  static final Set<GravityType> CROP = EnumSet.allOf(GravityType.class);
  /** {@code extend} and {@code extend_aspect_ratio}: no smart gravity. */
  static final Set<GravityType> EXTEND = EnumSet.complementOf(EnumSet.of(GravityType.SMART));

  private GravityArgs() {}

  static Gravity parse(String name, List<String> args, Set<GravityType> allowed, Gravity previous) {
    int n = args.size();
    GravityType type =
        GravityType.byName(args.get(0))
            .filter(allowed::contains)
            .orElseThrow(() -> Args.invalid(name, args.get(0), "gravity type"));
    if (type == GravityType.SMART) {
      if (n > 1) {
        throw Args.invalid(name, args);
      }
      return new Gravity(type, 0, 0);
    }
    if ((type == GravityType.FOCUS_POINT && n != 3) || n > 3) {
      throw Args.invalid(name, args);
    }
    double x = previous == null ? 0 : previous.x();
    double y = previous == null ? 0 : previous.y();
    if (n > 1) {
      x = offset(name, type, args.get(1));
    }
    if (n > 2) {
      y = offset(name, type, args.get(2));
    }
    return new Gravity(type, x, y);
  }

  private static double offset(String name, GravityType type, String arg) {
    Double v = Args.floatOrNull(arg);
    if (v == null || (type == GravityType.FOCUS_POINT && (v < 0 || v > 1))) {
      throw Args.invalid(name, arg, "gravity offset");
    }
    return v;
  }
}
