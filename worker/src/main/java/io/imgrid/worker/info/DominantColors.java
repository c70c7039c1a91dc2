package io.imgrid.worker.info;

import io.imgrid.worker.info.MedianCut.Swatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six named colours of imgproxy Pro's {@code dominant_colors} (vibrant, light, dark, each also
 * muted): Android's Palette / Vibrant.js scheme. The picture is quantized to 64 colours
 * ({@link MedianCut}); each name then takes the unused colour whose HSL saturation and lightness
 * fall in its range and score best on closeness to its targets (saturation weighted 3, lightness
 * 6.5) and on population (0.5).
 *
 * <p>With {@code buildMissed}, a name no colour fits is derived from a found one (Vibrant.js's
 * rule: the vibrant ones from each other with the target lightness, a muted one from its vibrant
 * counterpart with the muted target saturation); without it, a missing name is left out.
 */
final class DominantColors {
  static final int QUANTIZED_COLORS = 64;

  private static final double TARGET_DARK_LUMA = 0.26;
  private static final double MAX_DARK_LUMA = 0.45;
  private static final double MIN_LIGHT_LUMA = 0.55;
  private static final double TARGET_LIGHT_LUMA = 0.74;
  private static final double MIN_NORMAL_LUMA = 0.3;
  private static final double TARGET_NORMAL_LUMA = 0.5;
  private static final double MAX_NORMAL_LUMA = 0.7;
  private static final double TARGET_MUTED_SATURATION = 0.3;
  private static final double MAX_MUTED_SATURATION = 0.4;
  private static final double TARGET_VIBRANT_SATURATION = 1.0;
  private static final double MIN_VIBRANT_SATURATION = 0.35;

  /** One name's ranges and targets. */
  private record Target(String name, double targetLuma, double minLuma, double maxLuma,
      double targetSaturation, double minSaturation, double maxSaturation) {}

  private static final List<Target> TARGETS = List.of(
      new Target("vibrant", TARGET_NORMAL_LUMA, MIN_NORMAL_LUMA, MAX_NORMAL_LUMA,
          TARGET_VIBRANT_SATURATION, MIN_VIBRANT_SATURATION, 1),
      new Target("light_vibrant", TARGET_LIGHT_LUMA, MIN_LIGHT_LUMA, 1,
          TARGET_VIBRANT_SATURATION, MIN_VIBRANT_SATURATION, 1),
      new Target("dark_vibrant", TARGET_DARK_LUMA, 0, MAX_DARK_LUMA,
          TARGET_VIBRANT_SATURATION, MIN_VIBRANT_SATURATION, 1),
      new Target("muted", TARGET_NORMAL_LUMA, MIN_NORMAL_LUMA, MAX_NORMAL_LUMA,
          TARGET_MUTED_SATURATION, 0, MAX_MUTED_SATURATION),
      new Target("light_muted", TARGET_LIGHT_LUMA, MIN_LIGHT_LUMA, 1,
          TARGET_MUTED_SATURATION, 0, MAX_MUTED_SATURATION),
      new Target("dark_muted", TARGET_DARK_LUMA, 0, MAX_DARK_LUMA,
          TARGET_MUTED_SATURATION, 0, MAX_MUTED_SATURATION));

  /** A colour in HSL, each part in 0..1. */
  record Hsl(double h, double s, double l) {}

  private DominantColors() {}

  /** The named colours of straight RGBA pixels, in Vibrant.js's order of names. */
  static Map<String, int[]> of(byte[] rgba, boolean buildMissed) {
    List<Swatch> swatches = MedianCut.quantize(rgba, QUANTIZED_COLORS, true);
    int maxPopulation = swatches.stream().mapToInt(Swatch::population).max().orElse(1);
    List<Swatch> used = new ArrayList<>();
    Map<String, Hsl> found = new LinkedHashMap<>();
    for (Target t : TARGETS) {
      Swatch best = null;
      double bestScore = -1;
      for (Swatch s : swatches) {
        Hsl hsl = hsl(s.r(), s.g(), s.b());
        if (used.contains(s) || hsl.s() < t.minSaturation() || hsl.s() > t.maxSaturation()
            || hsl.l() < t.minLuma() || hsl.l() > t.maxLuma()) {
          continue;
        }
        double score = (3 * (1 - Math.abs(hsl.s() - t.targetSaturation()))
            + 6.5 * (1 - Math.abs(hsl.l() - t.targetLuma()))
            + 0.5 * ((double) s.population() / maxPopulation)) / 10.0;
        if (score > bestScore) {
          bestScore = score;
          best = s;
        }
      }
      if (best != null) {
        used.add(best);
        found.put(t.name(), hsl(best.r(), best.g(), best.b()));
      }
    }
    if (buildMissed) {
      buildMissed(found);
    }
    Map<String, int[]> out = new LinkedHashMap<>();
    for (Target t : TARGETS) {
      Hsl hsl = found.get(t.name());
      if (hsl != null) {
        out.put(t.name(), rgb(hsl));
      }
    }
    return out;
  }

  private static void buildMissed(Map<String, Hsl> f) {
    Hsl vibrant = f.get("vibrant");
    if (vibrant == null) {
      Hsl from = f.containsKey("dark_vibrant") ? f.get("dark_vibrant") : f.get("light_vibrant");
      if (from != null) {
        vibrant = new Hsl(from.h(), from.s(), TARGET_NORMAL_LUMA);
        f.put("vibrant", vibrant);
      }
    }
    if (vibrant != null) {
      f.putIfAbsent("dark_vibrant", new Hsl(vibrant.h(), vibrant.s(), TARGET_DARK_LUMA));
      f.putIfAbsent("light_vibrant", new Hsl(vibrant.h(), vibrant.s(), TARGET_LIGHT_LUMA));
    }
    for (String tone : List.of("", "light_", "dark_")) {
      Hsl v = f.get(tone + "vibrant");
      if (v != null) {
        f.putIfAbsent(tone + "muted", new Hsl(v.h(), TARGET_MUTED_SATURATION, v.l()));
      }
    }
  }

  static Hsl hsl(int r8, int g8, int b8) {
    double r = r8 / 255.0, g = g8 / 255.0, b = b8 / 255.0;
    double max = Math.max(r, Math.max(g, b)), min = Math.min(r, Math.min(g, b));
    double l = (max + min) / 2, d = max - min;
    if (d == 0) {
      return new Hsl(0, 0, l);
    }
    double s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
    double h = max == r ? (g - b) / d + (g < b ? 6 : 0) : max == g ? (b - r) / d + 2
        : (r - g) / d + 4;
    return new Hsl(h / 6, s, l);
  }

  static int[] rgb(Hsl c) {
    if (c.s() == 0) {
      int v = (int) Math.round(c.l() * 255);
      return new int[] {v, v, v};
    }
    double q = c.l() < 0.5 ? c.l() * (1 + c.s()) : c.l() + c.s() - c.l() * c.s();
    double p = 2 * c.l() - q;
    return new int[] {channel(p, q, c.h() + 1 / 3.0), channel(p, q, c.h()),
        channel(p, q, c.h() - 1 / 3.0)};
  }

  private static int channel(double p, double q, double t) {
    t = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    double v = t < 1 / 6.0 ? p + (q - p) * 6 * t : t < 0.5 ? q : t < 2 / 3.0
        ? p + (q - p) * (2 / 3.0 - t) * 6 : p;
    return (int) Math.round(v * 255);
  }
}
