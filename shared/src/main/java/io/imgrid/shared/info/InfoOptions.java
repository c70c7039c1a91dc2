package io.imgrid.shared.info;

import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.options.SecurityLimits;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an {@code /info} request asks for (imgproxy Pro's info options, plus imgrid's
 * {@code details} and {@code thumbhash}), after defaults and URL options.
 *
 * <p>The job message carries it as {@link #encode()}: a text that starts with {@link #PREFIX}, so
 * a worker tells an info job from a processing job by its options text alone and the two can
 * never share a job key.
 *
 * @param size the source's byte size ({@code size}, default on)
 * @param format format and MIME type ({@code format}, default on)
 * @param dimensions width and height ({@code dimensions}, default on)
 * @param exif the EXIF subset ({@code exif}, default on)
 * @param iptc the IPTC-IIM subset ({@code iptc}, default on)
 * @param xmp the XMP subset ({@code xmp}, default on)
 * @param details orientation, alpha, frames and delays, colour space, ICC description and DPI
 *     (imgrid's {@code details}, default on)
 * @param average the average colour ({@code average}, default off)
 * @param averageIgnoreTransparent leave fully transparent pixels out of it (default on)
 * @param blurhashX BlurHash's horizontal components, 0 for none ({@code blurhash:x:y})
 * @param blurhashY BlurHash's vertical components, 0 for none
 * @param thumbhash the ThumbHash, base64 ({@code thumbhash}, imgrid's, default off)
 * @param palette how many colours the palette has, 0 for none, else 2..256 ({@code palette})
 * @param dominantColors the six named dominant colours ({@code dominant_colors}, default off)
 * @param dominantColorsBuildMissed derive a named colour none fits from the found ones
 * @param page the page or frame the pixel facts are computed from ({@code page}, default 0)
 * @param cachebuster {@code cachebuster}: changes the job key, nothing else
 * @param expires {@code expires} as unix seconds, 0 when absent (headers only: not encoded)
 * @param limits the source limits, with the security options applied when allowed
 */
public record InfoOptions(
    boolean size,
    boolean format,
    boolean dimensions,
    boolean exif,
    boolean iptc,
    boolean xmp,
    boolean details,
    boolean average,
    boolean averageIgnoreTransparent,
    int blurhashX,
    int blurhashY,
    boolean thumbhash,
    int palette,
    boolean dominantColors,
    boolean dominantColorsBuildMissed,
    int page,
    String cachebuster,
    long expires,
    SecurityLimits limits) {

  /** How every info job's options text begins; no processing options text can. */
  public static final String PREFIX = "info/1/";

  /** The fewest and most colours a palette can have (imgproxy Pro's bounds). */
  public static final int MIN_PALETTE = 2;

  public static final int MAX_PALETTE = 256;

  public InfoOptions {
    Objects.requireNonNull(cachebuster, "cachebuster == null");
    Objects.requireNonNull(limits, "limits == null");
    if (blurhashX < 0 || blurhashX > 9 || blurhashY < 0 || blurhashY > 9
        || (blurhashX == 0) != (blurhashY == 0)) {
      throw new IllegalArgumentException("blurhash components out of 1..9: " + blurhashX + "x"
          + blurhashY);
    }
    if (palette != 0 && (palette < MIN_PALETTE || palette > MAX_PALETTE)) {
      throw new IllegalArgumentException("palette colours out of 2..256: " + palette);
    }
    if (page < 0) {
      throw new IllegalArgumentException("negative page " + page);
    }
  }

  /** imgproxy Pro's defaults with the given source limits. */
  public static InfoOptions defaults(SecurityLimits limits) {
    return new InfoOptions(true, true, true, true, true, true, true, false, true, 0, 0, false, 0, false,
        false, 0, "", 0, limits);
  }

  /** Whether a job's options text is an info job's. */
  public static boolean isInfo(String optionsText) {
    return optionsText.startsWith(PREFIX);
  }

  /** Whether the answer needs decoded pixels (colours or a placeholder hash). */
  public boolean needsPixels() {
    return average || blurhashX > 0 || thumbhash || palette > 0 || dominantColors;
  }

  /**
   * The canonical text: every field that changes the answer, in one fixed order and spelling
   * ({@code expires} is left out: it changes headers only).
   */
  public String encode() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("s", bit(size));
    f.put("f", bit(format));
    f.put("d", bit(dimensions));
    f.put("exif", bit(exif));
    f.put("iptc", bit(iptc));
    f.put("xmp", bit(xmp));
    f.put("dt", bit(details));
    f.put("avg", bit(average) + bit(averageIgnoreTransparent));
    f.put("bh", blurhashX + "" + blurhashY);
    f.put("th", bit(thumbhash));
    f.put("pal", Integer.toString(palette));
    f.put("dc", bit(dominantColors) + bit(dominantColorsBuildMissed));
    f.put("pg", Integer.toString(page));
    f.put("cb", URLEncoder.encode(cachebuster, StandardCharsets.UTF_8));
    f.put("msr", Double.toString(limits.maxSrcResolution()));
    f.put("msfs", Long.toString(limits.maxSrcFileSize()));
    f.put("maf", Integer.toString(limits.maxAnimationFrames()));
    f.put("mafr", Double.toString(limits.maxAnimationFrameResolution()));
    StringBuilder sb = new StringBuilder(PREFIX);
    f.forEach((k, v) -> sb.append(k).append('=').append(v).append('/'));
    return sb.toString();
  }

  /**
   * Reads {@link #encode()} output; anything else is a {@link RequestException} (a gateway and a
   * worker of different builds disagreeing is a 404 for that request, never a wrong answer).
   */
  public static InfoOptions decode(String text) {
    if (!isInfo(text)) {
      throw bad(text);
    }
    Map<String, String> f = new LinkedHashMap<>();
    for (String part : text.substring(PREFIX.length()).split("/")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw bad(text);
      }
      f.put(part.substring(0, eq), part.substring(eq + 1));
    }
    try {
      String avg = f.get("avg");
      String bh = f.get("bh");
      String dc = f.get("dc");
      InfoOptions o = new InfoOptions(flag(f, "s"), flag(f, "f"), flag(f, "d"), flag(f, "exif"),
          flag(f, "iptc"), flag(f, "xmp"), flag(f, "dt"), avg.charAt(0) == '1',
          avg.charAt(1) == '1', bh.charAt(0) - '0', bh.charAt(1) - '0', flag(f, "th"),
          Integer.parseInt(f.get("pal")), dc.charAt(0) == '1', dc.charAt(1) == '1',
          Integer.parseInt(f.get("pg")), URLDecoder.decode(f.get("cb"), StandardCharsets.UTF_8), 0,
          new SecurityLimits(Double.parseDouble(f.get("msr")), Long.parseLong(f.get("msfs")),
              Integer.parseInt(f.get("maf")), Double.parseDouble(f.get("mafr")), 0));
      if (!o.encode().equals(text)) {
        throw bad(text);
      }
      return o;
    } catch (RuntimeException e) {
      if (e instanceof RequestException r) {
        throw r;
      }
      throw bad(text);
    }
  }

  private static String bit(boolean b) {
    return b ? "1" : "0";
  }

  private static boolean flag(Map<String, String> f, String name) {
    String v = f.get(name);
    if (!"1".equals(v) && !"0".equals(v)) {
      throw new IllegalArgumentException(name);
    }
    return "1".equals(v);
  }

  private static RequestException bad(String text) {
    return RequestException.invalidUrl("Malformed info options text: " + text);
  }
}
