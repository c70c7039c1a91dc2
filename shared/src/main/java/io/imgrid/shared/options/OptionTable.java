package io.imgrid.shared.options;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.url.Base64Url;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one table of OSS processing options (contract §3.2): every name and alias mapped to a small
 * applier that parses its arguments onto a {@link ProcessingOptions.Builder}. A name that is not
 * here (PRO options, v3's {@code gif_options}, typos) is a 404.
 */
final class OptionTable {

  /** Parses one option's arguments and applies them. */
  @FunctionalInterface
  interface Applier {
    void apply(OptionContext ctx, ProcessingOptions.Builder b, List<String> args);
  }

  private static final Map<String, Applier> TABLE = build();

  private OptionTable() {}

  static Optional<Applier> lookup(String name) {
    return Optional.ofNullable(TABLE.get(name));
  }

  /** Every accepted name and alias. */
  static Set<String> names() {
    return Collections.unmodifiableSet(TABLE.keySet());
  }

  private static Map<String, Applier> build() {
    Map<String, Applier> t = new LinkedHashMap<>();
    put(t, OptionTable::resize, "resize", "rs");
    put(t, OptionTable::size, "size", "s");
    put(t, OptionTable::resizingType, "resizing_type", "rt");
    put(t, (c, b, a) -> b.width(single("width", a, Args::positiveInt)), "width", "w");
    put(t, (c, b, a) -> b.height(single("height", a, Args::positiveInt)), "height", "h");
    put(t, (c, b, a) -> b.minWidth(single("min-width", a, Args::positiveInt)), "min-width", "mw");
    put(t, (c, b, a) -> b.minHeight(single("min-height", a, Args::positiveInt)), "min-height", "mh");
    put(t, OptionTable::zoom, "zoom", "z");
    put(t, (c, b, a) -> b.dpr(single("dpr", a, Args::positiveNonZeroFloat)), "dpr");
    put(t, (c, b, a) -> b.enlarge(Args.bool("enlarge", a)), "enlarge", "el");
    put(t, (c, b, a) -> b.extend(extend("extend", a, b.extend())), "extend", "ex");
    put(
        t,
        (c, b, a) -> b.extendAspectRatio(extend("extend_aspect_ratio", a, b.extendAspectRatio())),
        "extend_aspect_ratio",
        "extend_ar",
        "exar");
    put(
        t,
        (c, b, a) -> b.gravity(GravityArgs.parse("gravity", a, GravityArgs.CROP, b.gravity())),
        "gravity",
        "g");
    put(t, OptionTable::crop, "crop", "c");
    put(t, OptionTable::trim, "trim", "t");
    put(t, OptionTable::padding, "padding", "pd");
    put(t, (c, b, a) -> b.autoRotate(Args.bool("auto_rotate", a)), "auto_rotate", "ar");
    put(t, OptionTable::rotate, "rotate", "rot");
    put(t, OptionTable::flip, "flip", "fl");
    put(t, OptionTable::background, "background", "bg");
    put(t, (c, b, a) -> b.blur(single("blur", a, Args::positiveNonZeroFloat)), "blur", "bl");
    put(t, (c, b, a) -> b.sharpen(single("sharpen", a, Args::positiveNonZeroFloat)), "sharpen", "sh");
    put(t, (c, b, a) -> b.pixelate(single("pixelate", a, Args::positiveInt)), "pixelate", "pix");
    put(t, OptionTable::watermark, "watermark", "wm");
    put(t, (c, b, a) -> b.stripMetadata(Args.bool("strip_metadata", a)), "strip_metadata", "sm");
    put(t, (c, b, a) -> b.keepCopyright(Args.bool("keep_copyright", a)), "keep_copyright", "kcr");
    put(
        t,
        (c, b, a) -> b.stripColorProfile(Args.bool("strip_color_profile", a)),
        "strip_color_profile",
        "scp");
    put(t, (c, b, a) -> b.preserveHdr(Args.bool("preserve_hdr", a)), "preserve_hdr", "ph");
    put(
        t,
        (c, b, a) -> b.enforceThumbnail(Args.bool("enforce_thumbnail", a)),
        "enforce_thumbnail",
        "eth");
    put(t, (c, b, a) -> b.quality(single("quality", a, Args::quality)), "quality", "q");
    put(t, OptionTable::formatQuality, "format_quality", "fq");
    put(t, (c, b, a) -> b.maxBytes(single("max_bytes", a, Args::positiveInt)), "max_bytes", "mb");
    put(t, (c, b, a) -> b.format(format(a)), "format", "f", "ext");
    put(t, OptionTable::skipProcessing, "skip_processing", "skp");
    put(t, (c, b, a) -> b.raw(Args.bool("raw", a)), "raw");
    put(t, OptionTable::cachebuster, "cachebuster", "cb");
    put(t, OptionTable::expires, "expires", "exp");
    put(t, OptionTable::filename, "filename", "fn");
    put(
        t,
        (c, b, a) -> b.returnAttachment(Args.bool("return_attachment", a)),
        "return_attachment",
        "att");
    put(t, (c, b, a) -> c.applyPresets(b, a), "preset", "pr");
    put(t, security(OptionTable::maxSrcResolution), "max_src_resolution", "msr");
    put(t, security(OptionTable::maxSrcFileSize), "max_src_file_size", "msfs");
    put(t, security(OptionTable::maxAnimationFrames), "max_animation_frames", "maf");
    put(
        t,
        security(OptionTable::maxAnimationFrameResolution),
        "max_animation_frame_resolution",
        "mafr");
    put(t, security(OptionTable::maxResultDimension), "max_result_dimension", "mrd");
    return Collections.unmodifiableMap(t);
  }

  private static void put(Map<String, Applier> t, Applier applier, String... names) {
    for (String name : names) {
      t.put(name, applier);
    }
  }

  @FunctionalInterface
  private interface ArgParser<T> {
    T parse(String name, String arg);
  }

  private static <T> T single(String name, List<String> args, ArgParser<T> parser) {
    Args.maxArgs(name, args, 1);
    return parser.parse(name, args.get(0));
  }

  // ---- geometry -------------------------------------------------------------------------------

  private static void resize(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("resize", a, 8);
    if (!a.get(0).isEmpty()) {
      resizingType(c, b, a.subList(0, 1));
    }
    if (a.size() > 1) {
      size(c, b, a.subList(1, a.size()));
    }
  }

  /** {@code w:h:enlarge:extend…}: empty arguments leave their values unchanged. */
  private static void size(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("size", a, 7);
    if (a.size() >= 1 && !a.get(0).isEmpty()) {
      b.width(Args.positiveInt("width", a.get(0)));
    }
    if (a.size() >= 2 && !a.get(1).isEmpty()) {
      b.height(Args.positiveInt("height", a.get(1)));
    }
    if (a.size() >= 3 && !a.get(2).isEmpty()) {
      b.enlarge(Args.bool(a.get(2)));
    }
    if (a.size() >= 4 && !a.get(3).isEmpty()) {
      b.extend(extend("extend", a.subList(3, a.size()), b.extend()));
    }
  }

  private static void resizingType(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("resizing_type", a, 1);
    b.resizingType(
        ResizingType.byName(a.get(0))
            .orElseThrow(() -> Args.invalid("resizing_type", a.get(0), "resizing type")));
  }

  private static void zoom(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("zoom", a, 2);
    double x = Args.positiveNonZeroFloat("zoom", a.get(0));
    double y = a.size() < 2 ? x : Args.positiveNonZeroFloat("zoom", a.get(1));
    b.zoomX(x).zoomY(y);
  }

  private static Extend extend(String name, List<String> a, Extend previous) {
    Args.maxArgs(name, a, 4);
    boolean enabled = Args.bool(a.get(0));
    Gravity gravity = previous.gravity();
    if (a.size() > 1) {
      gravity = GravityArgs.parse(name, a.subList(1, a.size()), GravityArgs.EXTEND, gravity);
    }
    return new Extend(enabled, gravity);
  }

  private static void crop(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Crop prev = b.crop();
    double w = Args.positiveFloat("crop", a.get(0));
    double h = a.size() > 1 ? Args.positiveFloat("crop", a.get(1)) : prev.height();
    Gravity g = prev.gravity();
    if (a.size() > 2) {
      g = GravityArgs.parse("crop", a.subList(2, a.size()), GravityArgs.CROP, g);
    }
    b.crop(new Crop(w, h, g));
  }

  /** An empty threshold turns trim off; no colour means auto-detect. */
  private static void trim(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("trim", a, 4);
    Trim prev = b.trim();
    Color color = null;
    if (a.size() > 1 && !a.get(1).isEmpty()) {
      color = Args.hexColor("trim", a.get(1));
    }
    boolean eqHor = prev != null && prev.equalHorizontal();
    boolean eqVer = prev != null && prev.equalVertical();
    if (a.size() > 2 && !a.get(2).isEmpty()) {
      eqHor = Args.bool(a.get(2));
    }
    if (a.size() > 3 && !a.get(3).isEmpty()) {
      eqVer = Args.bool(a.get(3));
    }
    if (a.get(0).isEmpty()) {
      b.trim(null);
      return;
    }
    b.trim(new Trim(Args.anyFloat("trim", a.get(0)), color, eqHor, eqVer));
  }

  /** CSS shorthand: right ← top, bottom ← top, left ← right. */
  private static void padding(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("padding", a, 4);
    Padding p = b.padding();
    int top = a.size() > 0 && !a.get(0).isEmpty() ? Args.positiveInt("padding", a.get(0)) : p.top();
    int right = a.size() > 1 && !a.get(1).isEmpty() ? Args.positiveInt("padding", a.get(1)) : top;
    int bottom = a.size() > 2 && !a.get(2).isEmpty() ? Args.positiveInt("padding", a.get(2)) : top;
    int left = a.size() > 3 && !a.get(3).isEmpty() ? Args.positiveInt("padding", a.get(3)) : right;
    b.padding(new Padding(top, right, bottom, left));
  }

  /** A multiple of 90, normalised to 0..270 so equal rotations compare equal. */
  private static void rotate(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    int angle = single("rotate", a, Args::integer);
    if (angle % 90 != 0) {
      throw RequestException.invalidUrl("Rotation angle must be a multiple of 90");
    }
    b.rotate(Math.floorMod(angle, 360));
  }

  private static void flip(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("flip", a, 2);
    if (!a.get(0).isEmpty()) {
      b.flipHorizontal(Args.bool(a.get(0)));
    }
    if (a.size() > 1 && !a.get(1).isEmpty()) {
      b.flipVertical(Args.bool(a.get(1)));
    }
  }

  /** {@code R:G:B} or hex; a single empty argument removes the background. */
  private static void background(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    if (a.size() == 1) {
      b.background(a.get(0).isEmpty() ? null : Args.hexColor("background", a.get(0)));
    } else if (a.size() == 3) {
      b.background(
          new Color(
              Args.channel("background", a.get(0)),
              Args.channel("background", a.get(1)),
              Args.channel("background", a.get(2))));
    } else {
      throw Args.invalid("background", a);
    }
  }

  /** {@code opacity[:pos[:x[:y[:scale]]]]}; v4 refuses a scale of 0. */
  private static void watermark(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("watermark", a, 7);
    Watermark w = b.watermark();
    double opacity = Args.opacity("watermark", a.get(0));
    WatermarkPosition pos = w.position();
    double x = w.x();
    double y = w.y();
    double scale = w.scale();
    if (a.size() > 1 && !a.get(1).isEmpty()) {
      pos =
          WatermarkPosition.byName(a.get(1))
              .orElseThrow(() -> Args.invalid("watermark", a.get(1), "watermark position"));
    }
    if (a.size() > 2 && !a.get(2).isEmpty()) {
      x = Args.anyFloat("watermark", a.get(2));
    }
    if (a.size() > 3 && !a.get(3).isEmpty()) {
      y = Args.anyFloat("watermark", a.get(3));
    }
    if (a.size() > 4 && !a.get(4).isEmpty()) {
      scale = Args.positiveNonZeroFloat("watermark", a.get(4));
    }
    b.watermark(new Watermark(opacity, pos, x, y, scale));
  }

  // ---- saving and handling --------------------------------------------------------------------

  private static ImageFormat formatName(String name, String arg) {
    return ImageFormat.byName(arg).orElseThrow(() -> Args.invalid(name, arg, "image format"));
  }

  static ImageFormat format(List<String> a) {
    Args.maxArgs("format", a, 1);
    return formatName("format", a.get(0));
  }

  /** {@code fmt:q} pairs, merged into the ones already set. */
  private static void formatQuality(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    if (a.size() % 2 != 0) {
      throw Args.invalid("format_quality", a);
    }
    Map<ImageFormat, Integer> merged = new EnumMap<>(ImageFormat.class);
    merged.putAll(b.formatQuality());
    for (int i = 0; i < a.size(); i += 2) {
      merged.put(formatName("format_quality", a.get(i)), Args.quality("format_quality", a.get(i + 1)));
    }
    b.formatQuality(merged);
  }

  /** Appended to the ones already set (and later to IMGPROXY_SKIP_PROCESSING_FORMATS). */
  private static void skipProcessing(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Set<ImageFormat> merged = EnumSet.noneOf(ImageFormat.class);
    merged.addAll(b.skipProcessing());
    for (String f : a) {
      merged.add(formatName("skip_processing", f));
    }
    b.skipProcessing(merged);
  }

  private static void cachebuster(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("cachebuster", a, 1);
    b.cachebuster(a.get(0));
  }

  /** A past timestamp (other than 0 or negative) makes the URL expired: 404. */
  private static void expires(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("expires", a, 1);
    long ts = Args.int64("expires", a.get(0), "unix timestamp");
    if (ts > 0 && ts < c.clock().instant().getEpochSecond()) {
      throw RequestException.invalidUrl("Expired URL");
    }
    b.expires(ts);
  }

  /** {@code name[:encoded]}: used verbatim, or base64url-decoded when encoded is true. */
  private static void filename(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    Args.maxArgs("filename", a, 2);
    String name = a.get(0);
    if (a.size() > 1 && Args.bool(a.get(1))) {
      name = Base64Url.decodeToString(name, true)
          .orElseThrow(() -> Args.invalid("filename", a.get(0), "URL-safe base64-encoded string"));
    }
    b.filename(name.isEmpty() ? null : name);
  }

  // ---- security -------------------------------------------------------------------------------

  private static Applier security(Applier applier) {
    return (c, b, a) -> {
      if (!c.allowSecurityOptions()) {
        throw new RequestException(
            ErrorKind.SECURITY_OPTION_FORBIDDEN, "Security processing options are not allowed");
      }
      applier.apply(c, b, a);
    };
  }

  private static void maxSrcResolution(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    SecurityLimits l = b.limits();
    double v = single("max_src_resolution", a, Args::resolution);
    b.limits(new SecurityLimits(v, l.maxSrcFileSize(), l.maxAnimationFrames(),
        l.maxAnimationFrameResolution(), l.maxResultDimension()));
  }

  private static void maxSrcFileSize(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    SecurityLimits l = b.limits();
    long v = single("max_src_file_size", a, (n, s) -> Args.int64(n, s, "integer number"));
    b.limits(new SecurityLimits(l.maxSrcResolution(), v, l.maxAnimationFrames(),
        l.maxAnimationFrameResolution(), l.maxResultDimension()));
  }

  private static void maxAnimationFrames(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    SecurityLimits l = b.limits();
    int v = single("max_animation_frames", a, Args::positiveNonZeroInt);
    b.limits(new SecurityLimits(l.maxSrcResolution(), l.maxSrcFileSize(), v,
        l.maxAnimationFrameResolution(), l.maxResultDimension()));
  }

  private static void maxAnimationFrameResolution(
      OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    SecurityLimits l = b.limits();
    double v = single("max_animation_frame_resolution", a, Args::resolution);
    b.limits(new SecurityLimits(l.maxSrcResolution(), l.maxSrcFileSize(), l.maxAnimationFrames(),
        v, l.maxResultDimension()));
  }

  private static void maxResultDimension(OptionContext c, ProcessingOptions.Builder b, List<String> a) {
    SecurityLimits l = b.limits();
    int v = single("max_result_dimension", a, Args::integer);
    b.limits(new SecurityLimits(l.maxSrcResolution(), l.maxSrcFileSize(), l.maxAnimationFrames(),
        l.maxAnimationFrameResolution(), v));
  }
}
