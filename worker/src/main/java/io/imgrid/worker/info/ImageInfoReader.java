package io.imgrid.worker.info;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.imgrid.shared.error.LoadException;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.info.InfoOptions;
import io.imgrid.worker.ImageProcessor;
import io.imgrid.worker.SourceLoader;
import io.imgrid.worker.guard.HeaderGuard;
import io.imgrid.worker.guard.SourceInfo;
import io.imgrid.worker.guard.SvgFilterCount;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.FormatSupport;
import io.imgrid.worker.vips.LoadOptions;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsException;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsLoad;
import io.imgrid.worker.vips.VipsScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * One {@code /info} job: the facts about a source as JSON (imgproxy Pro's field names where Pro
 * has the field). The header guard runs first, so a bomb is a 422 before any native call; the
 * source is then opened with its libvips loader, which reads the header and metadata without
 * decoding pixels. Pixels are decoded only when a placeholder or the colours are asked for,
 * and then only a {@value ThumbHash#MAX_SIDE}-pixel picture of the chosen page
 * ({@link PlaceholderPixels}).
 *
 * <p>Failures map as processing's do: libvips refusing the source is 422, the deadline passing
 * inside libvips 503. Call on a worker thread; thread-safe.
 */
public final class ImageInfoReader {
  private final FormatSupport capabilities;

  public ImageInfoReader(FormatSupport capabilities) {
    this.capabilities = Objects.requireNonNull(capabilities, "capabilities == null");
  }

  /** The JSON answer, UTF-8. */
  public byte[] read(byte[] source, InfoOptions options, Deadline deadline) {
    SourceInfo info = HeaderGuard.check(source, options.limits());
    ImageFormat format = info.format();
    if (format != ImageFormat.BMP && format != ImageFormat.ICO && !capabilities.canLoad(format)) {
      throw ImageException.unsupportedFormat("can't load " + format.urlName() + " here");
    }
    VipsScope scope = new VipsScope();
    try (scope) {
      if (deadline.epochMillis() != Long.MAX_VALUE) {
        scope.killAt(deadline.epochMillis());
      }
      JsonObject json = facts(scope, source, info, options);
      deadline.check("info");
      return json.encode().getBytes(StandardCharsets.UTF_8);
    } catch (VipsException e) {
      if (scope.killed()) {
        throw LoadException.timeout("info timed out inside libvips: " + e.getMessage());
      }
      throw e.toBrokenImage();
    } catch (ImgridException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw InternalException.wrap(e);
    } finally {
      Vips.threadShutdown();
    }
  }

  private JsonObject facts(VipsScope scope, byte[] source, SourceInfo info, InfoOptions o) {
    ImageFormat format = info.format();
    int page = Math.min(o.page(), info.frames() - 1);
    VipsImage image = SourceLoader.load(scope, source, format,
        page > 0 ? LoadOptions.DEFAULT.withPages(page, 1) : LoadOptions.DEFAULT);
    JsonObject json = new JsonObject();
    if (o.format()) {
      json.put("format", format.urlName()).put("mime_type", format.mimeType());
    }
    if (o.size()) {
      json.put("size", source.length);
    }
    if (o.dimensions()) {
      json.put("width", image.width()).put("height", image.pageHeight());
    }
    if (o.details()) {
      details(json, image, info);
    }
    if (o.exif()) {
      json.put("exif", new JsonObject(new LinkedHashMap<>(ExifFields.read(image))));
    }
    if (o.iptc()) {
      json.put("iptc", new JsonObject(image.blobField("iptc-data").map(IptcFields::read)
          .orElseGet(LinkedHashMap::new)));
    }
    if (o.xmp()) {
      JsonObject xmp = new JsonObject();
      image.blobField("xmp-data").map(XmpFields::read)
          .ifPresent(m -> m.forEach((prefix, props) -> xmp.put(prefix, new JsonObject(props))));
      json.put("xmp", xmp);
    }
    if (o.needsPixels()) {
      pixels(json, scope, source, format, page, image, o);
    }
    return json;
  }

  /** imgrid's {@code details}: what an app needs to lay the image out and pick a rendition. */
  private static void details(JsonObject json, VipsImage image, SourceInfo info) {
    int frames = image.intField("n-pages").orElse(info.frames());
    json.put("orientation", image.orientation())
        .put("alpha", image.hasAlpha())
        .put("animated", info.animated() && frames > 1)
        .put("frames", frames);
    if (info.animated()) {
      image.intArrayField("delay").ifPresent(d -> {
        JsonArray delays = new JsonArray();
        for (int ms : d) {
          delays.add(ms);
        }
        json.put("delay", delays);
      });
      image.intField("loop").ifPresent(loop -> json.put("loop", loop));
    }
    json.put("color_space", image.interpretation().nick());
    image.blobField("icc-profile-data").flatMap(IccDescription::of)
        .ifPresent(d -> json.put("icc", d));
    json.put("dpi", new JsonObject()
        .put("x", dpi(image.doubleField("xres").orElse(0)))
        .put("y", dpi(image.doubleField("yres").orElse(0))));
  }

  /** Pixels per millimetre (libvips' unit) to dots per inch, to one decimal. */
  private static double dpi(double pixelsPerMm) {
    return Math.round(pixelsPerMm * 25.4 * 10) / 10.0;
  }

  private void pixels(JsonObject json, VipsScope scope, byte[] source, ImageFormat format,
      int page, VipsImage image, InfoOptions o) {
    VipsImage picture = image;
    if (format == ImageFormat.SVG) {
      picture = smallSvg(scope, source, page, image);
    }
    PlaceholderPixels p = PlaceholderPixels.of(picture);
    if (o.average()) {
      PlaceholderPixels.Rgba c = p.average(o.averageIgnoreTransparent());
      json.put("average", new JsonObject().put("R", c.r()).put("G", c.g()).put("B", c.b())
          .put("A", c.a()));
    }
    if (o.blurhashX() > 0) {
      json.put("blurhash", p.blurHash(o.blurhashX(), o.blurhashY()));
    }
    if (o.thumbhash()) {
      json.put("thumbhash", Base64.getEncoder().encodeToString(p.thumbHash()));
    }
    if (o.palette() > 0) {
      JsonArray palette = new JsonArray();
      for (MedianCut.Swatch s : MedianCut.quantize(p.rgba(), o.palette(), false)) {
        palette.add(rgb(s.r(), s.g(), s.b()));
      }
      json.put("palette", palette);
    }
    if (o.dominantColors()) {
      JsonObject colours = new JsonObject();
      DominantColors.of(p.rgba(), o.dominantColorsBuildMissed())
          .forEach((name, c) -> colours.put(name, rgb(c[0], c[1], c[2])));
      json.put("dominant_colors", colours);
    }
  }

  private static JsonObject rgb(int r, int g, int b) {
    return new JsonObject().put("R", r).put("G", g).put("B", b);
  }

  /**
   * An SVG rendered straight at placeholder size (never at its intrinsic size, which may be
   * huge), within the filter budget processing applies.
   */
  private static VipsImage smallSvg(VipsScope scope, byte[] source, int page, VipsImage probe) {
    double scale = Math.min(1.0, (double) ThumbHash.MAX_SIDE
        / Math.max(1, Math.max(probe.width(), probe.height())));
    scale = Math.max(VipsLoad.svgScaleRange().min(), scale);
    double raster = (double) probe.width() * probe.height() * scale * scale;
    if (SvgFilterCount.count(source) * raster > ImageProcessor.SVG_FILTER_PIXEL_BUDGET) {
      throw ImageException.invalidSource("SVG filters over the render budget");
    }
    return VipsLoad.buffer(scope, ImageFormat.SVG, source, LoadOptions.DEFAULT.withScale(scale));
  }
}
