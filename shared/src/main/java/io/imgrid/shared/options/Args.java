package io.imgrid.shared.options;

import io.imgrid.shared.error.RequestException;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.regex.Pattern;

/**
 * Argument parsers shared by every option, with Go's {@code strconv} semantics where imgproxy
 * relies on them (contract §3.1). Each failure is a 404 {@link RequestException}; a bad boolean
 * is not a failure (Go's ParseBool error is only logged by imgproxy, the value becomes false).
 *
 * <p>Numbers accept only ASCII digits (Java's parsers would also take other Unicode digits and a
 * trailing {@code d}/{@code f}). Floats must be finite: Go would accept {@code inf}/{@code nan},
 * which can only poison the geometry, so they are refused here.
 */
final class Args {
  private static final Pattern INT = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern HEX_COLOR = Pattern.compile("[0-9a-fA-F]{3}|[0-9a-fA-F]{6}");
  private static final Pattern UINT8 = Pattern.compile("[0-9]{1,9}");

  private Args() {}

  static RequestException invalid(String name, List<String> args) {
    return RequestException.invalidUrl("Invalid " + name + " arguments: " + args);
  }

  static RequestException invalid(String name, String arg, String expected) {
    return RequestException.invalidUrl(
        "Invalid " + name + " argument: " + arg + " (expected " + expected + ")");
  }

  /** Every option has a maximum argument count; more is a 404. */
  static void maxArgs(String name, List<String> args, int max) {
    if (args.size() > max) {
      throw invalid(name, args);
    }
  }

  /** Go's strconv.ParseBool, where anything unrecognised is false rather than an error. */
  static boolean bool(String s) {
    switch (s) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      default:
        return false;
    }
  }

  /** A single boolean argument. */
  static boolean bool(String name, List<String> args) {
    maxArgs(name, args, 1);
    return bool(args.get(0));
  }

  /** Go's strconv.ParseInt(s, 10, 64); null when it is not one. */
  static Long int64OrNull(String s) {
    if (s.length() > 40 || !INT.matcher(s).matches()) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Go's Atoi, narrowed to Java's int (larger values cannot be meant). */
  static int integer(String name, String s) {
    return intIn(name, s, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer number");
  }

  static long int64(String name, String s, String expected) {
    Long v = int64OrNull(s);
    if (v == null) {
      throw invalid(name, s, expected);
    }
    return v;
  }

  /** ≥ 0. */
  static int positiveInt(String name, String s) {
    return intIn(name, s, 0, Integer.MAX_VALUE, "positive number or 0");
  }

  /** > 0. */
  static int positiveNonZeroInt(String name, String s) {
    return intIn(name, s, 1, Integer.MAX_VALUE, "positive number");
  }

  /** 1..100 (imgproxy's parseQualityInt; 0 is refused, it is only the unset default). */
  static int quality(String name, String s) {
    return intIn(name, s, 1, 100, "number in range 1-100");
  }

  /** An integer in {@code min..max}, else a 404 saying what was {@code expected}. */
  private static int intIn(String name, String s, int min, int max, String expected) {
    Long v = int64OrNull(s);
    if (v == null || v < min || v > max) {
      throw invalid(name, s, expected);
    }
    return v.intValue();
  }

  /** Go's ParseFloat, finite only; null when it is not one. */
  static Double floatOrNull(String s) {
    if (s.length() > 400 || !FLOAT.matcher(s).matches()) {
      return null;
    }
    double d = Double.parseDouble(s);
    return Double.isFinite(d) ? d : null;
  }

  static double anyFloat(String name, String s) {
    return floatWhere(name, s, v -> true, "number");
  }

  /** ≥ 0. */
  static double positiveFloat(String name, String s) {
    return floatWhere(name, s, v -> v >= 0, "positive number or 0");
  }

  /** > 0. */
  static double positiveNonZeroFloat(String name, String s) {
    return floatWhere(name, s, v -> v > 0, "positive number");
  }

  /** 0..1. */
  static double opacity(String name, String s) {
    return floatWhere(name, s, v -> v >= 0 && v <= 1, "number in range 0-1");
  }

  /** Megapixels ≥ 0, stored as whole pixels, truncated as Go's {@code int(f*1000000)}. */
  static double resolution(String name, String s) {
    return (double) (long) (positiveFloat(name, s) * 1_000_000d);
  }

  /** A finite float for which {@code ok} holds, else a 404 saying what was {@code expected}. */
  private static double floatWhere(String name, String s, DoublePredicate ok, String expected) {
    Double v = floatOrNull(s);
    if (v == null || !ok.test(v)) {
      throw invalid(name, s, expected);
    }
    return v;
  }

  /** {@code RRGGBB} or {@code RGB} (each digit times 17), no {@code #}. */
  static Color hexColor(String name, String s) {
    if (!HEX_COLOR.matcher(s).matches()) {
      throw invalid(name, s, "hex-encoded color");
    }
    if (s.length() == 3) {
      return new Color(
          Character.digit(s.charAt(0), 16) * 17,
          Character.digit(s.charAt(1), 16) * 17,
          Character.digit(s.charAt(2), 16) * 17);
    }
    return new Color(
        Integer.parseInt(s.substring(0, 2), 16),
        Integer.parseInt(s.substring(2, 4), 16),
        Integer.parseInt(s.substring(4, 6), 16));
  }

  /** A colour channel as Go's ParseUint(s, 10, 8): digits only, 0..255. */
  static int channel(String name, String s) {
    if (!UINT8.matcher(s).matches() || Integer.parseInt(s) > 255) {
      throw invalid(name, s, "number in range 0-255");
    }
    return Integer.parseInt(s);
  }
}
