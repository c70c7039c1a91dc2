package io.imgrid.shared.format;

import io.imgrid.shared.config.Env;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The settings that choose the output format and its quality (contract §4): preferred formats,
 * Accept-driven negotiation, quality defaults, skip-processing and SVG handling.
 *
 * @param preferredFormats {@code IMGPROXY_PREFERRED_FORMATS}, in order; entries a worker can't
 *     save are dropped by {@link #preferredSavable}
 * @param formatQuality {@code IMGPROXY_FORMAT_QUALITY} merged over webp=79, avif=63, jxl=77
 */
public record FormatConfig(
    List<ImageFormat> preferredFormats,
    boolean autoWebp,
    boolean autoAvif,
    boolean autoJxl,
    boolean enforceWebp,
    boolean enforceAvif,
    boolean enforceJxl,
    int quality,
    Map<ImageFormat, Integer> formatQuality,
    Set<ImageFormat> skipProcessingFormats,
    boolean alwaysRasterizeSvg,
    boolean sanitizeSvg) {

  public static final List<ImageFormat> DEFAULT_PREFERRED =
      List.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF);
  public static final int DEFAULT_QUALITY = 80;
  public static final Map<ImageFormat, Integer> DEFAULT_FORMAT_QUALITY =
      Map.of(ImageFormat.WEBP, 79, ImageFormat.AVIF, 63, ImageFormat.JXL, 77);

  /** imgproxy's defaults. */
  public static final FormatConfig DEFAULT = from(Env.of(Map.of()));

  public FormatConfig {
    preferredFormats = List.copyOf(Objects.requireNonNull(preferredFormats, "preferredFormats == null"));
    Objects.requireNonNull(formatQuality, "formatQuality == null");
    Objects.requireNonNull(skipProcessingFormats, "skipProcessingFormats == null");
    formatQuality =
        formatQuality.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new EnumMap<>(formatQuality));
    skipProcessingFormats =
        skipProcessingFormats.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(skipProcessingFormats));
  }

  public static FormatConfig from(Env env) {
    env.alias("IMGPROXY_AUTO_WEBP", "IMGPROXY_ENABLE_WEBP_DETECTION");
    env.alias("IMGPROXY_AUTO_AVIF", "IMGPROXY_ENABLE_AVIF_DETECTION");

    List<ImageFormat> preferred = formats(env, "IMGPROXY_PREFERRED_FORMATS");
    if (!env.isSet("IMGPROXY_PREFERRED_FORMATS")) {
      preferred = DEFAULT_PREFERRED;
    } else if (preferred.isEmpty()) {
      env.problem("IMGPROXY_PREFERRED_FORMATS", "names no format");
      preferred = DEFAULT_PREFERRED;
    }

    Map<ImageFormat, Integer> fq = new EnumMap<>(DEFAULT_FORMAT_QUALITY);
    for (String pair : env.list("IMGPROXY_FORMAT_QUALITY", ",")) {
      int eq = pair.indexOf('=');
      Optional<ImageFormat> f = eq < 0 ? Optional.empty() : ImageFormat.byName(pair.substring(0, eq).trim());
      Integer q = eq < 0 ? null : parseQuality(pair.substring(eq + 1).trim());
      if (f.isEmpty() || q == null) {
        env.problem("IMGPROXY_FORMAT_QUALITY", "must be fmt=quality pairs (1..100), got '" + pair + "'");
      } else {
        fq.put(f.get(), q);
      }
    }

    return new FormatConfig(
        preferred,
        env.bool("IMGPROXY_AUTO_WEBP", false),
        env.bool("IMGPROXY_AUTO_AVIF", false),
        env.bool("IMGPROXY_AUTO_JXL", false),
        env.bool("IMGPROXY_ENFORCE_WEBP", false),
        env.bool("IMGPROXY_ENFORCE_AVIF", false),
        env.bool("IMGPROXY_ENFORCE_JXL", false),
        env.integer("IMGPROXY_QUALITY", DEFAULT_QUALITY, 1, 100),
        fq,
        Set.copyOf(formats(env, "IMGPROXY_SKIP_PROCESSING_FORMATS")),
        env.bool("IMGPROXY_ALWAYS_RASTERIZE_SVG", false),
        env.bool("IMGPROXY_SANITIZE_SVG", true));
  }

  /** Whether any AUTO/ENFORCE flag makes the answer depend on the {@code Accept} header. */
  public boolean negotiates() {
    return autoWebp || autoAvif || autoJxl || enforceWebp || enforceAvif || enforceJxl;
  }

  /** {@code Vary: Accept} when negotiation is on (contract §4.1). */
  public Optional<String> varyHeader() {
    return negotiates() ? Optional.of("Accept") : Optional.empty();
  }

  /**
   * The preferred formats this worker can save, in order (imgproxy drops the others with a
   * warning). SVG is never a raster output.
   */
  public List<ImageFormat> preferredSavable(Set<ImageFormat> savable) {
    List<ImageFormat> out = new ArrayList<>();
    for (ImageFormat f : preferredFormats) {
      if (f != ImageFormat.SVG && savable.contains(f)) {
        out.add(f);
      }
    }
    return List.copyOf(out);
  }

  /** A stable text of every value here; all of them can change the output bytes. */
  public String fingerprint() {
    StringJoiner pf = new StringJoiner(",");
    preferredFormats.forEach(f -> pf.add(f.urlName()));
    StringJoiner fq = new StringJoiner(",");
    new EnumMap<>(formatQuality).forEach((f, q) -> fq.add(f.urlName() + "=" + q));
    StringJoiner skp = new StringJoiner(",");
    new TreeSet<>(skipProcessingFormats).forEach(f -> skp.add(f.urlName()));
    return "format/1;pf=" + pf
        + ";auto=" + flag(autoWebp) + flag(autoAvif) + flag(autoJxl)
        + ";enforce=" + flag(enforceWebp) + flag(enforceAvif) + flag(enforceJxl)
        + ";q=" + quality
        + ";fq=" + fq
        + ";skp=" + skp
        + ";rsvg=" + flag(alwaysRasterizeSvg)
        + ";ssvg=" + flag(sanitizeSvg);
  }

  private static String flag(boolean b) {
    return b ? "1" : "0";
  }

  private static List<ImageFormat> formats(Env env, String name) {
    List<ImageFormat> out = new ArrayList<>();
    for (String n : env.list(name, ",")) {
      Optional<ImageFormat> f = ImageFormat.byName(n);
      if (f.isEmpty()) {
        env.problem(name, "names an unknown format '" + n + "'");
      } else if (!out.contains(f.get())) {
        out.add(f.get());
      }
    }
    return out;
  }

  private static Integer parseQuality(String s) {
    try {
      int q = Integer.parseInt(s);
      return q >= 1 && q <= 100 ? q : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
