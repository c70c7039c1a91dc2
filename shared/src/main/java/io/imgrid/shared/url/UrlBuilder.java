package io.imgrid.shared.url;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.Crop;
import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.Trim;
import io.imgrid.shared.options.Watermark;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds imgproxy paths for Java apps, the inverse of {@link UrlParser}: options (short names),
 * a plain or base64 source, an extension, then {@link #sign} or {@link #unsigned}. Not
 * thread-safe; one builder per URL.
 *
 * <pre>{@code
 * String path = UrlBuilder.create()
 *     .resize(ResizingType.FILL, 300, 200).gravity(Gravity.CENTER)
 *     .plain("https://example.com/cat.jpg").extension("webp")
 *     .sign(key, salt, 32);   // "/<signature>/rs:fill:300:200/g:ce:0:0/plain/…@webp"
 * }</pre>
 */
public final class UrlBuilder {
  private static final Pattern SAFE_ARG = Pattern.compile("[A-Za-z0-9._~-]*");

  private final List<String> segments = new ArrayList<>();
  private String separator = ":";
  private String source;
  private String extension = "";
  private boolean plain;
  private String seoFilename;

  private UrlBuilder() {}

  public static UrlBuilder create() {
    return new UrlBuilder();
  }

  /** {@code IMGPROXY_ARGUMENTS_SEPARATOR} of the server; set it before adding options. */
  public UrlBuilder argumentsSeparator(String separator) {
    if (separator.isEmpty() || separator.contains("/")) {
      throw new IllegalArgumentException("bad separator: " + separator);
    }
    this.separator = separator;
    return this;
  }

  /** Any option, verbatim; arguments must not contain the separator or {@code /}. */
  public UrlBuilder option(String name, Object... args) {
    StringBuilder s = new StringBuilder(name);
    for (Object a : args) {
      String v = a instanceof Double ? num((Double) a) : String.valueOf(a);
      if (v.contains(separator) || v.contains("/") || v.contains("?") || v.contains("%")) {
        throw new IllegalArgumentException("argument cannot be put in a path: " + v);
      }
      s.append(separator).append(v);
    }
    segments.add(s.toString());
    return this;
  }

  // ---- options ------------------------------------------------------------------------------

  public UrlBuilder resize(ResizingType type, int width, int height) {
    return option("rs", type.urlName(), width, height);
  }

  public UrlBuilder resizingType(ResizingType type) {
    return option("rt", type.urlName());
  }

  public UrlBuilder width(int width) {
    return option("w", width);
  }

  public UrlBuilder height(int height) {
    return option("h", height);
  }

  public UrlBuilder minWidth(int minWidth) {
    return option("mw", minWidth);
  }

  public UrlBuilder minHeight(int minHeight) {
    return option("mh", minHeight);
  }

  public UrlBuilder zoom(double zoomX, double zoomY) {
    return option("z", zoomX, zoomY);
  }

  public UrlBuilder dpr(double dpr) {
    return option("dpr", dpr);
  }

  public UrlBuilder enlarge(boolean enlarge) {
    return option("el", bit(enlarge));
  }

  public UrlBuilder extend(Extend extend) {
    return option("ex", extendArgs(extend));
  }

  public UrlBuilder extendAspectRatio(Extend extend) {
    return option("exar", extendArgs(extend));
  }

  public UrlBuilder gravity(Gravity gravity) {
    return option("g", gravityArgs(gravity));
  }

  /** A null crop gravity means "the main gravity" and is left out. */
  public UrlBuilder crop(Crop crop) {
    List<Object> a = new ArrayList<>(List.of(crop.width(), crop.height()));
    if (crop.gravity() != null) {
      a.addAll(List.of(gravityArgs(crop.gravity())));
    }
    return option("c", a.toArray());
  }

  /** Null turns trim off. */
  public UrlBuilder trim(Trim trim) {
    if (trim == null) {
      return option("t", "");
    }
    String color = trim.color() == null ? "" : trim.color().hex();
    return option(
        "t", trim.threshold(), color, bit(trim.equalHorizontal()), bit(trim.equalVertical()));
  }

  public UrlBuilder padding(Padding p) {
    return option("pd", p.top(), p.right(), p.bottom(), p.left());
  }

  public UrlBuilder autoRotate(boolean autoRotate) {
    return option("ar", bit(autoRotate));
  }

  public UrlBuilder rotate(int angle) {
    return option("rot", angle);
  }

  public UrlBuilder flip(boolean horizontal, boolean vertical) {
    return option("fl", bit(horizontal), bit(vertical));
  }

  /** Null removes the background. */
  public UrlBuilder background(Color color) {
    return option("bg", color == null ? "" : color.hex());
  }

  public UrlBuilder blur(double sigma) {
    return option("bl", sigma);
  }

  public UrlBuilder sharpen(double sigma) {
    return option("sh", sigma);
  }

  public UrlBuilder pixelate(int size) {
    return option("pix", size);
  }

  /** A scale of 0 ("as is") is left out: v4 refuses it in URLs. */
  public UrlBuilder watermark(Watermark w) {
    List<Object> a =
        new ArrayList<>(List.of(w.opacity(), w.position().urlName(), w.x(), w.y()));
    if (w.scale() > 0) {
      a.add(w.scale());
    }
    return option("wm", a.toArray());
  }

  public UrlBuilder stripMetadata(boolean v) {
    return option("sm", bit(v));
  }

  public UrlBuilder keepCopyright(boolean v) {
    return option("kcr", bit(v));
  }

  public UrlBuilder stripColorProfile(boolean v) {
    return option("scp", bit(v));
  }

  public UrlBuilder preserveHdr(boolean v) {
    return option("ph", bit(v));
  }

  public UrlBuilder enforceThumbnail(boolean v) {
    return option("eth", bit(v));
  }

  public UrlBuilder quality(int quality) {
    return option("q", quality);
  }

  public UrlBuilder formatQuality(Map<ImageFormat, Integer> qualities) {
    List<Object> a = new ArrayList<>();
    qualities.forEach((f, q) -> {
      a.add(f.urlName());
      a.add(q);
    });
    return option("fq", a.toArray());
  }

  public UrlBuilder maxBytes(int maxBytes) {
    return option("mb", maxBytes);
  }

  public UrlBuilder format(ImageFormat format) {
    return option("f", format.urlName());
  }

  public UrlBuilder skipProcessing(Set<ImageFormat> formats) {
    return option("skp", formats.stream().map(ImageFormat::urlName).toArray());
  }

  public UrlBuilder raw(boolean raw) {
    return option("raw", bit(raw));
  }

  /** Letters, digits and {@code . _ ~ -} only, so the value survives the path unchanged. */
  public UrlBuilder cachebuster(String value) {
    if (!SAFE_ARG.matcher(value).matches()) {
      throw new IllegalArgumentException("cachebuster must match " + SAFE_ARG + ": " + value);
    }
    return option("cb", value);
  }

  public UrlBuilder expires(long unixSeconds) {
    return option("exp", unixSeconds);
  }

  /** Always sent base64url-encoded, so any name survives. */
  public UrlBuilder filename(String name) {
    return option("fn", Base64Url.encode(name), 1);
  }

  public UrlBuilder returnAttachment(boolean v) {
    return option("att", bit(v));
  }

  public UrlBuilder preset(String... names) {
    return option("pr", (Object[]) names);
  }

  /** Security options; the server must run with IMGPROXY_ALLOW_SECURITY_OPTIONS=true. */
  public UrlBuilder maxSrcResolution(double pixels) {
    return option("msr", megapixels(pixels));
  }

  public UrlBuilder maxSrcFileSize(long bytes) {
    return option("msfs", bytes);
  }

  public UrlBuilder maxAnimationFrames(int frames) {
    return option("maf", frames);
  }

  public UrlBuilder maxAnimationFrameResolution(double pixels) {
    return option("mafr", megapixels(pixels));
  }

  public UrlBuilder maxResultDimension(int pixels) {
    return option("mrd", pixels);
  }

  /** Every option of {@code target} that differs from {@link ProcessingOptions#DEFAULT}. */
  public UrlBuilder options(ProcessingOptions target) {
    return options(target, ProcessingOptions.DEFAULT);
  }

  /**
   * Every option of {@code target} that differs from {@code base} (the server's defaults), so
   * that parsing the result on such a server yields {@code target}.
   */
  public UrlBuilder options(ProcessingOptions target, ProcessingOptions base) {
    OptionsDiff.write(target, base, this);
    return this;
  }

  // ---- source -------------------------------------------------------------------------------

  /**
   * A {@code /plain/} source. {@code %}, {@code @}, {@code ?}, {@code #}, spaces, controls and
   * non-ASCII are percent-encoded; everything else is kept readable.
   */
  public UrlBuilder plain(String url) {
    this.source = "plain/" + escapePlain(url);
    this.plain = true;
    return this;
  }

  /** A base64url source, unpadded and not split (imgproxy-node's default). */
  public UrlBuilder base64(String url) {
    return base64(url, 0);
  }

  /** A base64url source split into {@code chunk}-character segments (Ruby and PHP use 16). */
  public UrlBuilder base64(String url, int chunk) {
    String encoded = Base64Url.encode(url);
    if (chunk > 0) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < encoded.length(); i += chunk) {
        if (i > 0) {
          s.append('/');
        }
        s.append(encoded, i, Math.min(encoded.length(), i + chunk));
      }
      encoded = s.toString();
    }
    this.source = encoded;
    this.plain = false;
    return this;
  }

  /**
   * An SEO file name after a base64 source (the server needs
   * IMGPROXY_BASE64_URL_INCLUDES_FILENAME=true).
   */
  public UrlBuilder seoFilename(String name) {
    this.seoFilename = escapePlain(name).replace("/", "%2F");
    return this;
  }

  /** The output format as the URL's extension; empty for none. */
  public UrlBuilder extension(String extension) {
    this.extension = extension;
    return this;
  }

  // ---- result -------------------------------------------------------------------------------

  /** The path after the signature segment, starting with {@code /}: what gets signed. */
  public String path() {
    if (source == null) {
      throw new IllegalStateException("no source set");
    }
    StringBuilder s = new StringBuilder();
    for (String seg : segments) {
      s.append('/').append(seg);
    }
    s.append('/').append(source);
    if (!extension.isEmpty()) {
      s.append(plain ? '@' : '.').append(extension);
    }
    if (!plain && seoFilename != null) {
      s.append('/').append(seoFilename);
    }
    return s.toString();
  }

  /** {@code /<signature><path>}. */
  public String sign(byte[] key, byte[] salt, int signatureSize) {
    String path = path();
    return "/" + SignatureVerifier.sign(key, salt, path, signatureSize) + path;
  }

  /** {@code /<placeholder><path>} for a server without keys ({@code insecure}, {@code _}, …). */
  public String unsigned(String placeholder) {
    if (placeholder.isEmpty() || placeholder.contains("/") || placeholder.contains(":")) {
      throw new IllegalArgumentException("bad placeholder: " + placeholder);
    }
    return "/" + placeholder + path();
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static String bit(boolean v) {
    return v ? "1" : "0";
  }

  private Object[] extendArgs(Extend e) {
    List<Object> a = new ArrayList<>();
    a.add(bit(e.enabled()));
    a.addAll(List.of(gravityArgs(e.gravity())));
    return a.toArray();
  }

  private static Object[] gravityArgs(Gravity g) {
    if (g.type() == GravityType.SMART) {
      return new Object[] {g.type().urlName()};
    }
    return new Object[] {g.type().urlName(), g.x(), g.y()};
  }

  /** Shortest text that parses back to exactly {@code v}. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /** Megapixels text that imgproxy truncates back to exactly {@code pixels}. */
  static String megapixels(double pixels) {
    String s = new BigDecimal((long) pixels).movePointLeft(6).toPlainString();
    double d = Double.parseDouble(s);
    for (int i = 0; i < 4 && (long) (d * 1_000_000d) < (long) pixels; i++) {
      d = Math.nextUp(d);
      s = Double.toString(d);
    }
    return s;
  }

  private static String escapePlain(String url) {
    return PercentEncoding.encode(url,
        c -> c > 0x20 && c < 0x7f && c != '%' && c != '@' && c != '?' && c != '#');
  }
}
