package io.imgrid.shared.job;

import static io.imgrid.shared.job.TextCodec.bad;
import static io.imgrid.shared.job.TextCodec.bool;
import static io.imgrid.shared.job.TextCodec.dbl;
import static io.imgrid.shared.job.TextCodec.parseBool;
import static io.imgrid.shared.job.TextCodec.parseDouble;
import static io.imgrid.shared.job.TextCodec.parseInt;
import static io.imgrid.shared.job.TextCodec.parseLong;
import static io.imgrid.shared.job.TextCodec.split;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.Crop;
import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.shared.options.Trim;
import io.imgrid.shared.options.Watermark;
import io.imgrid.shared.options.WatermarkPosition;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A deterministic, versioned, readable text of every option that can change the output bytes.
 * It is the options part of the job key and the options a job carries on the event bus.
 *
 * <p>Every field is always written, in a fixed order, each value in exactly one spelling
 * ({@code key=value} joined by {@code ;}, after the version tag). So equal options give equal
 * text, whatever the URL's spelling, aliases or option order. {@code expires}, {@code filename}
 * and {@code return_attachment} only change response headers and are left out; decoding gives
 * their defaults. Doubles are written with {@link Double#toString}, which round-trips exactly.
 */
public final class CanonicalOptions {
  /** The version tag; a change to the field list or a spelling needs a new one. */
  public static final String VERSION = "imgrid-opts/1";

  private static final List<String> KEYS =
      List.of(
          "rt", "w", "h", "mw", "mh", "z", "dpr", "el", "ex", "exar", "g", "c", "t", "pd", "ar",
          "rot", "fl", "bg", "bl", "sh", "pix", "wm", "sm", "kcr", "scp", "ph", "eth", "q", "fq",
          "mb", "f", "skp", "raw", "cb", "lim");

  private static final String NONE = "-";

  private CanonicalOptions() {}

  public static String encode(ProcessingOptions o) {
    StringJoiner j = new StringJoiner(";");
    j.add(VERSION);
    j.add("rt=" + o.resizingType().urlName());
    j.add("w=" + o.width());
    j.add("h=" + o.height());
    j.add("mw=" + o.minWidth());
    j.add("mh=" + o.minHeight());
    j.add("z=" + dbl(o.zoomX()) + ":" + dbl(o.zoomY()));
    j.add("dpr=" + dbl(o.dpr()));
    j.add("el=" + bool(o.enlarge()));
    j.add("ex=" + extend(o.extend()));
    j.add("exar=" + extend(o.extendAspectRatio()));
    j.add("g=" + gravity(o.gravity()));
    Crop c = o.crop();
    j.add("c=" + dbl(c.width()) + ":" + dbl(c.height()) + ":" + (c.gravity() == null ? NONE : gravity(c.gravity())));
    j.add("t=" + trim(o.trim()));
    Padding p = o.padding();
    j.add("pd=" + p.top() + ":" + p.right() + ":" + p.bottom() + ":" + p.left());
    j.add("ar=" + bool(o.autoRotate()));
    j.add("rot=" + o.rotate());
    j.add("fl=" + bool(o.flipHorizontal()) + ":" + bool(o.flipVertical()));
    j.add("bg=" + (o.background() == null ? NONE : o.background().hex()));
    j.add("bl=" + dbl(o.blur()));
    j.add("sh=" + dbl(o.sharpen()));
    j.add("pix=" + o.pixelate());
    Watermark wm = o.watermark();
    j.add("wm=" + dbl(wm.opacity()) + ":" + wm.position().urlName() + ":" + dbl(wm.x()) + ":" + dbl(wm.y()) + ":" + dbl(wm.scale()));
    j.add("sm=" + bool(o.stripMetadata()));
    j.add("kcr=" + bool(o.keepCopyright()));
    j.add("scp=" + bool(o.stripColorProfile()));
    j.add("ph=" + bool(o.preserveHdr()));
    j.add("eth=" + bool(o.enforceThumbnail()));
    j.add("q=" + o.quality());
    j.add("fq=" + formatQuality(o.formatQuality()));
    j.add("mb=" + o.maxBytes());
    j.add("f=" + (o.format() == null ? NONE : o.format().urlName()));
    j.add("skp=" + formats(o.skipProcessing()));
    j.add("raw=" + bool(o.raw()));
    j.add("cb=" + TextCodec.escape(o.cachebuster()));
    SecurityLimits l = o.limits();
    j.add("lim=" + dbl(l.maxSrcResolution()) + ":" + l.maxSrcFileSize() + ":" + l.maxAnimationFrames() + ":" + dbl(l.maxAnimationFrameResolution()) + ":" + l.maxResultDimension());
    return j.toString();
  }

  /**
   * Parses {@link #encode} output. The text travels on the event bus, so anything that isn't
   * exactly such output (wrong version, missing, extra or reordered fields, a value in another
   * spelling) is rejected.
   *
   * @throws IllegalArgumentException naming the first bad field
   */
  public static ProcessingOptions decode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("canonical options: null");
    }
    List<String> parts = split(text, ';', -1, "");
    if (!parts.get(0).equals(VERSION)) {
      throw new IllegalArgumentException("canonical options: not " + VERSION + ": '" + abbreviate(text) + "'");
    }
    if (parts.size() != KEYS.size() + 1) {
      throw new IllegalArgumentException(
          "canonical options: expected " + KEYS.size() + " fields, got " + (parts.size() - 1));
    }
    Map<String, String> v = new TreeMap<>();
    for (int i = 0; i < KEYS.size(); i++) {
      String part = parts.get(i + 1);
      String key = KEYS.get(i);
      if (!part.startsWith(key + "=")) {
        throw new IllegalArgumentException(
            "canonical options: field " + (i + 1) + " must be '" + key + "', got '" + abbreviate(part) + "'");
      }
      v.put(key, part.substring(key.length() + 1));
    }

    ProcessingOptions.Builder b = ProcessingOptions.builder();
    b.resizingType(ResizingType.byName(v.get("rt")).orElseThrow(() -> bad("rt", v.get("rt"))));
    b.width(parseInt(v.get("w"), "w"));
    b.height(parseInt(v.get("h"), "h"));
    b.minWidth(parseInt(v.get("mw"), "mw"));
    b.minHeight(parseInt(v.get("mh"), "mh"));
    List<String> z = split(v.get("z"), ':', 2, "z");
    b.zoomX(parseDouble(z.get(0), "z"));
    b.zoomY(parseDouble(z.get(1), "z"));
    b.dpr(parseDouble(v.get("dpr"), "dpr"));
    b.enlarge(parseBool(v.get("el"), "el"));
    b.extend(parseExtend(v.get("ex"), "ex"));
    b.extendAspectRatio(parseExtend(v.get("exar"), "exar"));
    b.gravity(parseGravity(split(v.get("g"), ':', 3, "g"), "g"));
    b.crop(parseCrop(v.get("c")));
    b.trim(parseTrim(v.get("t")));
    List<String> pd = split(v.get("pd"), ':', 4, "pd");
    b.padding(
        guard("pd", v.get("pd"), () ->
            new Padding(
                parseInt(pd.get(0), "pd"),
                parseInt(pd.get(1), "pd"),
                parseInt(pd.get(2), "pd"),
                parseInt(pd.get(3), "pd"))));
    b.autoRotate(parseBool(v.get("ar"), "ar"));
    b.rotate(parseInt(v.get("rot"), "rot"));
    List<String> fl = split(v.get("fl"), ':', 2, "fl");
    b.flipHorizontal(parseBool(fl.get(0), "fl"));
    b.flipVertical(parseBool(fl.get(1), "fl"));
    b.background(NONE.equals(v.get("bg")) ? null : parseColor(v.get("bg"), "bg"));
    b.blur(parseDouble(v.get("bl"), "bl"));
    b.sharpen(parseDouble(v.get("sh"), "sh"));
    b.pixelate(parseInt(v.get("pix"), "pix"));
    b.watermark(parseWatermark(v.get("wm")));
    b.stripMetadata(parseBool(v.get("sm"), "sm"));
    b.keepCopyright(parseBool(v.get("kcr"), "kcr"));
    b.stripColorProfile(parseBool(v.get("scp"), "scp"));
    b.preserveHdr(parseBool(v.get("ph"), "ph"));
    b.enforceThumbnail(parseBool(v.get("eth"), "eth"));
    b.quality(parseInt(v.get("q"), "q"));
    b.formatQuality(parseFormatQuality(v.get("fq")));
    b.maxBytes(parseInt(v.get("mb"), "mb"));
    b.format(NONE.equals(v.get("f")) ? null : parseFormat(v.get("f"), "f"));
    b.skipProcessing(parseFormats(v.get("skp")));
    b.raw(parseBool(v.get("raw"), "raw"));
    b.cachebuster(TextCodec.unescape(v.get("cb"), "cb"));
    List<String> lim = split(v.get("lim"), ':', 5, "lim");
    b.limits(
        new SecurityLimits(
            parseDouble(lim.get(0), "lim"),
            parseLong(lim.get(1), "lim"),
            parseInt(lim.get(2), "lim"),
            parseDouble(lim.get(3), "lim"),
            parseInt(lim.get(4), "lim")));
    ProcessingOptions o = b.build();
    if (!encode(o).equals(text)) {
      throw new IllegalArgumentException("canonical options: not in canonical form: '" + abbreviate(text) + "'");
    }
    return o;
  }

  private static String extend(Extend e) {
    return bool(e.enabled()) + ":" + gravity(e.gravity());
  }

  private static String gravity(Gravity g) {
    return g.type().urlName() + ":" + dbl(g.x()) + ":" + dbl(g.y());
  }

  private static String trim(Trim t) {
    if (t == null) {
      return NONE;
    }
    return dbl(t.threshold()) + ":" + (t.color() == null ? NONE : t.color().hex()) + ":"
        + bool(t.equalHorizontal()) + ":" + bool(t.equalVertical());
  }

  /** {@code fmt:q} pairs in {@link ImageFormat} order, or {@code -}. */
  private static String formatQuality(Map<ImageFormat, Integer> fq) {
    if (fq.isEmpty()) {
      return NONE;
    }
    StringJoiner j = new StringJoiner(",");
    new EnumMap<>(fq).forEach((f, q) -> j.add(f.urlName() + ":" + q));
    return j.toString();
  }

  private static String formats(Set<ImageFormat> formats) {
    if (formats.isEmpty()) {
      return NONE;
    }
    StringJoiner j = new StringJoiner(",");
    new TreeSet<>(formats).forEach(f -> j.add(f.urlName()));
    return j.toString();
  }

  private static Extend parseExtend(String s, String field) {
    List<String> p = split(s, ':', 4, field);
    return new Extend(parseBool(p.get(0), field), parseGravity(p.subList(1, 4), field));
  }

  private static Gravity parseGravity(List<String> p, String field) {
    GravityType type = GravityType.byName(p.get(0)).orElseThrow(() -> bad(field, p.get(0)));
    return new Gravity(type, parseDouble(p.get(1), field), parseDouble(p.get(2), field));
  }

  private static Crop parseCrop(String s) {
    List<String> p = split(s, ':', -1, "c");
    if (p.size() == 3 && NONE.equals(p.get(2))) {
      return new Crop(parseDouble(p.get(0), "c"), parseDouble(p.get(1), "c"), null);
    }
    if (p.size() != 5) {
      throw bad("c", s);
    }
    return new Crop(parseDouble(p.get(0), "c"), parseDouble(p.get(1), "c"), parseGravity(p.subList(2, 5), "c"));
  }

  private static Trim parseTrim(String s) {
    if (NONE.equals(s)) {
      return null;
    }
    List<String> p = split(s, ':', 4, "t");
    Color color = NONE.equals(p.get(1)) ? null : parseColor(p.get(1), "t");
    return new Trim(parseDouble(p.get(0), "t"), color, parseBool(p.get(2), "t"), parseBool(p.get(3), "t"));
  }

  private static Watermark parseWatermark(String s) {
    List<String> p = split(s, ':', 5, "wm");
    WatermarkPosition pos = WatermarkPosition.byName(p.get(1)).orElseThrow(() -> bad("wm", s));
    return new Watermark(
        parseDouble(p.get(0), "wm"), pos, parseDouble(p.get(2), "wm"), parseDouble(p.get(3), "wm"), parseDouble(p.get(4), "wm"));
  }

  private static Color parseColor(String s, String field) {
    if (s.length() != 6 || !s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw bad(field, s);
    }
    int rgb = Integer.parseInt(s, 16);
    return new Color(rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff);
  }

  private static ImageFormat parseFormat(String s, String field) {
    ImageFormat f = ImageFormat.byName(s).orElseThrow(() -> bad(field, s));
    if (!f.urlName().equals(s)) {
      throw bad(field, s);
    }
    return f;
  }

  private static Map<ImageFormat, Integer> parseFormatQuality(String s) {
    if (NONE.equals(s)) {
      return Map.of();
    }
    Map<ImageFormat, Integer> out = new EnumMap<>(ImageFormat.class);
    for (String pair : split(s, ',', -1, "fq")) {
      List<String> p = split(pair, ':', 2, "fq");
      if (out.put(parseFormat(p.get(0), "fq"), parseInt(p.get(1), "fq")) != null) {
        throw bad("fq", s);
      }
    }
    return out;
  }

  private static Set<ImageFormat> parseFormats(String s) {
    if (NONE.equals(s)) {
      return Set.of();
    }
    Set<ImageFormat> out = EnumSet.noneOf(ImageFormat.class);
    for (String name : split(s, ',', -1, "skp")) {
      if (!out.add(parseFormat(name, "skp"))) {
        throw bad("skp", s);
      }
    }
    return out;
  }

  private static <T> T guard(String field, String value, java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw bad(field, value);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
