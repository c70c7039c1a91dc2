package io.imgrid.shared.options;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.info.InfoOptions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The {@code /info} endpoint's options (imgproxy Pro's "Getting an image info"), argument rules as
 * for processing options ({@link Args}): booleans as Go's ParseBool, a 404 for a malformed or
 * unknown option, {@code max_src_*} only with {@code IMGPROXY_ALLOW_SECURITY_OPTIONS}.
 *
 * <p>Pro's options about video ({@code video_meta}, {@code video_thumbnail_*}) are accepted and
 * answer nothing, as Pro does for images. Those imgrid does not compute ({@code crop},
 * {@code detect_objects}) and {@code preset} (presets hold
 * processing options) are a 404 that names them, never a silently missing field.
 */
public final class InfoOptionsParser {
  private final boolean allowSecurityOptions;
  private final Clock clock;

  public InfoOptionsParser(boolean allowSecurityOptions, Clock clock) {
    this.allowSecurityOptions = allowSecurityOptions;
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Applies the URL's option segments, in order, over imgproxy Pro's defaults. */
  public InfoOptions parse(List<UrlOption> options, SecurityLimits defaultLimits) {
    Acc o = new Acc(InfoOptions.defaults(defaultLimits));
    for (UrlOption option : options) {
      apply(o, option.name(), option.args());
    }
    return o.build();
  }

  private void apply(Acc o, String name, List<String> a) {
    switch (name) {
      case "size", "s" -> o.size = Args.bool("size", a);
      case "format", "f" -> o.format = Args.bool("format", a);
      case "dimensions", "d" -> o.dimensions = Args.bool("dimensions", a);
      case "exif" -> o.exif = Args.bool("exif", a);
      case "iptc" -> o.iptc = Args.bool("iptc", a);
      case "xmp" -> o.xmp = Args.bool("xmp", a);
      case "details", "dt" -> o.details = Args.bool("details", a);
      case "thumbhash", "th" -> o.thumbhash = Args.bool("thumbhash", a);
      case "average", "avg" -> {
        Args.maxArgs("average", a, 2);
        o.average = Args.bool(a.get(0));
        o.averageIgnoreTransparent = a.size() < 2 || Args.bool(a.get(1));
      }
      case "blurhash", "bh" -> blurhash(o, a);
      case "page", "pg" -> {
        Args.maxArgs("page", a, 1);
        o.page = Args.positiveInt("page", a.get(0));
      }
      case "cachebuster", "cb" -> {
        Args.maxArgs("cachebuster", a, 1);
        o.cachebuster = a.get(0);
      }
      case "expires", "exp" -> expires(o, a);
      case "max_src_resolution", "msr" -> {
        security();
        Args.maxArgs(name, a, 1);
        SecurityLimits l = o.limits;
        o.limits = new SecurityLimits(Args.resolution("max_src_resolution", a.get(0)),
            l.maxSrcFileSize(), l.maxAnimationFrames(), l.maxAnimationFrameResolution(),
            l.maxResultDimension());
      }
      case "max_src_file_size", "msfs" -> {
        security();
        Args.maxArgs(name, a, 1);
        SecurityLimits l = o.limits;
        o.limits = new SecurityLimits(l.maxSrcResolution(),
            Args.int64("max_src_file_size", a.get(0), "integer number"), l.maxAnimationFrames(),
            l.maxAnimationFrameResolution(), l.maxResultDimension());
      }
      case "video_meta", "vm", "video_thumbnail_second", "vts", "video_thumbnail_keyframes",
          "vtk" -> { }
      case "palette", "p" -> palette(o, a);
      case "dominant_colors", "dc" -> {
        Args.maxArgs("dominant_colors", a, 2);
        o.dominantColors = Args.bool(a.get(0));
        o.dominantColorsBuildMissed = a.size() == 2 && Args.bool(a.get(1));
      }
      case "crop", "c", "detect_objects", "do", "preset", "pr" ->
          throw RequestException.invalidUrl("Info option " + name + " is not supported");
      default -> throw RequestException.invalidUrl("Unknown info option: " + name);
    }
  }

  private static void palette(Acc o, List<String> a) {
    Args.maxArgs("palette", a, 1);
    int colours = Args.positiveInt("palette", a.get(0));
    if (colours != 0 && (colours < InfoOptions.MIN_PALETTE || colours > InfoOptions.MAX_PALETTE)) {
      throw Args.invalid("palette", a);
    }
    o.palette = colours;
  }

  private static void blurhash(Acc o, List<String> a) {
    Args.maxArgs("blurhash", a, 2);
    if (a.size() != 2) {
      throw Args.invalid("blurhash", a);
    }
    int x = Args.positiveInt("blurhash", a.get(0));
    int y = Args.positiveInt("blurhash", a.get(1));
    if (x > 9 || y > 9) {
      throw Args.invalid("blurhash", a);
    }
    // Pro computes one only when both are above zero
    o.blurhashX = x > 0 && y > 0 ? x : 0;
    o.blurhashY = x > 0 && y > 0 ? y : 0;
  }

  private void expires(Acc o, List<String> a) {
    Args.maxArgs("expires", a, 1);
    long ts = Args.int64("expires", a.get(0), "unix timestamp");
    if (ts > 0 && ts < clock.instant().getEpochSecond()) {
      throw RequestException.invalidUrl("Expired URL");
    }
    o.expires = ts;
  }

  private void security() {
    if (!allowSecurityOptions) {
      throw new RequestException(
          ErrorKind.SECURITY_OPTION_FORBIDDEN, "Security processing options are not allowed");
    }
  }

  /** The options being built, field by field. */
  private static final class Acc {
    boolean size;
    boolean format;
    boolean dimensions;
    boolean exif;
    boolean iptc;
    boolean xmp;
    boolean details;
    boolean average;
    boolean averageIgnoreTransparent;
    int blurhashX;
    int blurhashY;
    boolean thumbhash;
    int palette;
    boolean dominantColors;
    boolean dominantColorsBuildMissed;
    int page;
    String cachebuster;
    long expires;
    SecurityLimits limits;

    Acc(InfoOptions d) {
      size = d.size();
      format = d.format();
      dimensions = d.dimensions();
      exif = d.exif();
      iptc = d.iptc();
      xmp = d.xmp();
      details = d.details();
      average = d.average();
      averageIgnoreTransparent = d.averageIgnoreTransparent();
      blurhashX = d.blurhashX();
      blurhashY = d.blurhashY();
      thumbhash = d.thumbhash();
      palette = d.palette();
      dominantColors = d.dominantColors();
      dominantColorsBuildMissed = d.dominantColorsBuildMissed();
      page = d.page();
      cachebuster = d.cachebuster();
      expires = d.expires();
      limits = d.limits();
    }

    InfoOptions build() {
      return new InfoOptions(size, format, dimensions, exif, iptc, xmp, details, average,
          averageIgnoreTransparent, blurhashX, blurhashY, thumbhash, palette, dominantColors,
          dominantColorsBuildMissed, page, cachebuster, expires, limits);
    }
  }
}
