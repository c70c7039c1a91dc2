package io.imgrid.worker;

import io.imgrid.shared.config.ProcessingConfig;
import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.imgrid.shared.error.LoadException;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.format.FormatDecision;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.geometry.Geometry;
import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.encode.EncodedImage;
import io.imgrid.worker.encode.Encoder;
import io.imgrid.worker.guard.HeaderGuard;
import io.imgrid.worker.guard.SourceInfo;
import io.imgrid.worker.guard.SourceLimits;
import io.imgrid.worker.guard.SvgFilterCount;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.pipeline.Pipeline;
import io.imgrid.worker.pipeline.PhaseTimer;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.ResultGuard;
import io.imgrid.worker.svg.SvgSanitizer;
import io.imgrid.worker.vips.FormatSupport;
import io.imgrid.worker.vips.LoadOptions;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsBlob;
import io.imgrid.worker.vips.VipsException;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsLoad;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsScope;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One job from source bytes to response bytes, as imgproxy's {@code ProcessImage}: the header
 * guard (422 before any native call), the output format decision, passthrough or SVG answers,
 * the load (with shrink-on-load and the SVG resolution guard), the {@link ResultGuard} (422 before
 * a result too large for the memory bound is computed), the {@link Pipeline} and the {@link
 * Encoder}.
 *
 * <p>Any libvips failure on the source is a 422 "Broken or unsupported image"; a 500 means a
 * defect of ours. Each call uses its own {@link VipsScope} and frees libvips' per-thread state on
 * the calling thread when it ends, so call it on a worker thread. Immutable and thread-safe.
 */
public final class ImageProcessor {
  private final ImageProcessorConfig config;
  private final FormatSupport capabilities;
  private final Set<ImageFormat> savable;
  private final Encoder encoder;
  private final Pipeline pipeline = Pipeline.imgproxy();
  private final SvgSanitizer sanitizer = SvgSanitizer.withDefaultLimit();

  /**
   * Filter references × raster pixels an SVG may cost to rasterise (see {@link
   * SvgFilterCount}): 32 M, e.g. 22 full-raster filters at 1200×1200 or 2 at 4000×4000.
   */
  public static final long SVG_FILTER_PIXEL_BUDGET = 32_000_000L;

  /**
   * @param capabilities what this libvips loads and saves ({@link Vips#capabilities()}); BMP and
   *     ICO are always handled, by the Java codecs
   */
  public ImageProcessor(ImageProcessorConfig config, FormatSupport capabilities) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.capabilities = Objects.requireNonNull(capabilities, "capabilities == null");
    Set<ImageFormat> s = EnumSet.of(ImageFormat.BMP, ImageFormat.ICO);
    s.addAll(capabilities.savable());
    this.savable = Set.copyOf(s);
    this.encoder = new Encoder(config.encoder(), config.formats());
  }

  /** What this processor's libvips loads and saves. */
  public FormatSupport capabilities() {
    return capabilities;
  }

  /** The formats this processor can answer with (libvips' savers plus BMP and ICO). */
  public Set<ImageFormat> savable() {
    return savable;
  }

  /**
   * Processes one source.
   *
   * @param bucket the client's Accept bucket, already masked by the settings
   * @param deadline when the job must end: checked between steps, and enforced inside libvips by
   *     {@link VipsScope#killAt} (an evaluation still running then fails at its next check)
   * @throws ImgridException 422 for bad sources and unsavable formats, 503 when the deadline
   *     passes, 500 for a defect
   */
  public ProcessedImage process(
      byte[] source, ProcessingOptions options, AcceptBucket bucket, Deadline deadline) {
    return process(source, options, bucket, deadline, new PhaseTimer());
  }

  /** As {@link #process(byte[], ProcessingOptions, AcceptBucket, Deadline)}, timing its phases. */
  public ProcessedImage process(byte[] source, ProcessingOptions options, AcceptBucket bucket,
      Deadline deadline, PhaseTimer timer) {
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(bucket, "bucket == null");
    Objects.requireNonNull(deadline, "deadline == null");

    SourceInfo info = HeaderGuard.check(source, options.limits());
    ImageFormat format = info.format();
    int frames = SourceLimits.framesToLoad(info, options.limits());
    boolean animated = info.animated() && options.limits().maxAnimationFrames() > 1 && frames > 1;

    FormatDecision early =
        FormatDecision.decide(options, format, false, animated, bucket, config.formats(), savable);
    if (early.outcome() == FormatDecision.Outcome.PASSTHROUGH) {
      return new ProcessedImage(source, format, format.mimeType(), info.width(), info.height(),
          info.width(), info.height());
    }
    if (early.outcome() == FormatDecision.Outcome.SOURCE_SVG) {
      byte[] svg = config.formats().sanitizeSvg() ? sanitizer.sanitize(source) : source;
      return new ProcessedImage(svg, ImageFormat.SVG, ImageFormat.SVG.mimeType(), 0, 0, 0, 0);
    }
    if (format != ImageFormat.BMP && format != ImageFormat.ICO && !capabilities.canLoad(format)) {
      throw ImageException.unsupportedFormat("can't load " + format.urlName() + " here");
    }
    if (animated && options.format() != null && !early.format().savesAnimation()) {
      animated = false; // imgproxy loads one frame when the requested format can't animate
    }

    VipsScope scope = new VipsScope();
    try (scope) {
      if (deadline.epochMillis() != Long.MAX_VALUE) {
        scope.killAt(deadline.epochMillis());
      }
      return run(scope, source, info, options, bucket, deadline, animated ? frames : 1, timer);
    } catch (VipsException e) {
      if (scope.killed()) {
        throw LoadException.timeout("processing timed out inside libvips: " + e.getMessage());
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

  private ProcessedImage run(VipsScope scope, byte[] source, SourceInfo info,
      ProcessingOptions o, AcceptBucket bucket, Deadline deadline, int frames, PhaseTimer timer) {
    long loading = timer.start();
    Loaded loaded = load(scope, source, info, o, frames, config.processing());
    timer.end("load", loading);
    deadline.check("load");
    VipsImage image = loaded.image;
    boolean animated = loaded.frames > 1;

    FormatDecision decision = FormatDecision.decide(
        o, info.format(), image.hasAlpha(), animated, bucket, config.formats(), savable);
    ImageFormat target = decision.format();
    int loadedFrames = loaded.frames;
    if (animated && !target.savesAnimation()) {
      image = VipsOps.extractArea(image, 0, 0, image.width(), image.height() / loadedFrames);
      loadedFrames = 1;
    }

    ResultGuard.check(loaded.plan, o.limits(), (long) image.width() * image.height(),
        loadedFrames);
    long processing = timer.start();
    PipelineContext ctx = new PipelineContext(scope, o, target, deadline, config.watermark(),
        info.vector(), loaded.orientation, image, loaded.plan);
    ctx.loadShrink(loaded.shrinkX, loaded.shrinkY);
    ctx.linearResize(config.processing().useLinearColorspace());
    ctx.frames(loadedFrames);
    pipeline.run(ctx);
    timer.end("process", processing);

    EncodedImage encoded = timer.time("save", () -> encoder.encode(ctx.image(), target, o,
        ctx.keep()));
    deadline.check("encode");
    return new ProcessedImage(encoded.bytes(), encoded.format(), encoded.format().mimeType(),
        encoded.width(), encoded.height(), loaded.sourceWidth, loaded.sourceHeight);
  }

  /** The loaded image with what the pipeline must know about how it was loaded. */
  private record Loaded(VipsImage image, GeometryPlan plan, int orientation, int frames,
      int sourceWidth, int sourceHeight, double shrinkX, double shrinkY) {}

  /**
   * Loads the source with imgproxy's scale-on-load: JPEG shrink and WebP scale from the plan
   * (unless trim is on, or {@code IMGPROXY_DISABLE_SHRINK_ON_LOAD}), SVG scale (always, as
   * imgproxy scales vectors even with shrink-on-load disabled), and the embedded HEIC/AVIF
   * thumbnail with {@code enforce_thumbnail}; the thumbnail then is the source the plan works on.
   * libvips' heifload cannot shrink on load (it has no such argument), so without
   * enforce_thumbnail a HEIF source is decoded at full size.
   */
  private static Loaded load(VipsScope scope, byte[] source, SourceInfo info,
      ProcessingOptions o, int frames, ProcessingConfig processing) {
    ImageFormat format = info.format();
    if (format == ImageFormat.SVG) {
      return loadSvg(scope, source, o);
    }
    if (frames > 1) {
      VipsImage image =
          SourceLoader.load(scope, source, format, LoadOptions.DEFAULT.withPages(0, frames));
      int pageHeight = image.pageHeight();
      int loaded = Math.max(1, image.height() / pageHeight);
      GeometryPlan plan = Geometry.plan(image.width(), pageHeight, 1, o, false);
      return new Loaded(image, plan, 1, loaded, image.width(), pageHeight, 1, 1);
    }
    LoadOptions lo = LoadOptions.DEFAULT;
    if (o.enforceThumbnail() && (format == ImageFormat.HEIC || format == ImageFormat.AVIF)) {
      lo = lo.withThumbnail(true);
    }
    boolean shrinkable = !processing.disableShrinkOnLoad() && o.trim() == null
        && info.width() > 0 && info.height() > 0
        && (format == ImageFormat.JPEG || format == ImageFormat.WEBP);
    if (shrinkable) {
      GeometryPlan pre = Geometry.plan(info.width(), info.height(), info.orientation(), o, false);
      if (format == ImageFormat.JPEG && pre.jpegShrink() > 1) {
        lo = lo.withShrink(pre.jpegShrink());
      } else if (format == ImageFormat.WEBP && pre.shrinkOnLoadScale() < 1) {
        lo = lo.withScale(pre.shrinkOnLoadScale());
      }
    }
    VipsImage image = SourceLoader.load(scope, source, format, lo);
    int width = image.width();
    int height = image.height();
    if (lo.shrink() != 1 || lo.scale() != 1.0) {
      width = info.width();
      height = info.height();
    }
    int orientation = image.orientation();
    GeometryPlan plan = Geometry.plan(width, height, orientation, o, false);
    return new Loaded(image, plan, orientation, 1, width, height,
        (double) width / image.width(), (double) height / image.height());
  }

  /**
   * SVG: read the intrinsic size at scale 1, plan, and rasterise at the plan's scale. When that
   * raster would be over max_src_resolution, the SVG is rasterised at the scale that fits and that
   * raster becomes the source the plan works on (imgproxy's vectorGuardScale), so a 10^6-pixel
   * SVG without a resize gives a raster of max_src_resolution, not an enlargement back to 10^6.
   *
   * <p>The scale is source-driven (a 10^6-pixel-wide SVG asks for 1e-4), so it is brought into
   * libvips' range ({@link VipsLoad#svgScaleRange}) here: above it, it is clamped (the pipeline
   * enlarges the rest); below it, even the smallest raster libvips would make is
   * out of proportion with the request or over max_src_resolution, so the source is refused (422
   * "Invalid source image"). Then the filter budget ({@link #SVG_FILTER_PIXEL_BUDGET}) bounds the
   * render cost, since librsvg cannot be interrupted inside one render.
   */
  private static Loaded loadSvg(VipsScope scope, byte[] source, ProcessingOptions o) {
    VipsBlob blob = scope.blob(source);
    VipsImage probe = VipsLoad.buffer(scope, ImageFormat.SVG, blob, LoadOptions.DEFAULT);
    int width = probe.width();
    int height = probe.height();
    GeometryPlan plan = Geometry.plan(width, height, 1, o, true);
    double scale = plan.shrinkOnLoadScale();
    double limit = o.limits().maxSrcResolution();
    // the size the plan counts from: the intrinsic size, or the guarded raster
    int planWidth = width;
    int planHeight = height;
    if (limit > 0 && (double) width * height * scale * scale > limit) {
      scale = Math.sqrt(limit / ((double) width * height));
      requireSvgScale(scale, width, height);
      // as imgproxy's vectorGuardScale: the guarded raster becomes the source the plan works on
      planWidth = Math.max(1, (int) Math.floor(width * scale));
      planHeight = Math.max(1, (int) Math.floor(height * scale));
      plan = Geometry.plan(planWidth, planHeight, 1, o, true);
    }
    requireSvgScale(scale, width, height);
    scale = Math.min(scale, VipsLoad.svgScaleRange().max());
    checkFilterCost(source, (double) width * height * scale * scale);
    VipsImage image = probe;
    if (Math.abs(scale - 1.0) > 1e-9) {
      image = VipsLoad.buffer(scope, ImageFormat.SVG, blob, LoadOptions.DEFAULT.withScale(scale));
    }
    return new Loaded(image, plan, 1, 1, width, height,
        (double) planWidth / image.width(), (double) planHeight / image.height());
  }

  /** 422 for a source-driven scale below what svgload accepts (see {@link #loadSvg}). */
  private static void requireSvgScale(double scale, int width, int height) {
    double min = VipsLoad.svgScaleRange().min();
    if (!(scale >= min)) {
      throw ImageException.invalidSource(String.format(
          "SVG %dx%d would need a rasterisation scale of %.3g, below libvips' minimum %s",
          width, height, scale, min));
    }
  }

  /**
   * 422 when filter references × raster pixels is over {@link #SVG_FILTER_PIXEL_BUDGET}. Each
   * filter reference makes librsvg run a filter chain over at most the whole raster; measured on
   * librsvg 2.48 with libvips 8.14, a Gaussian blur runs at roughly 10–30 Mpx/s per core, so the
   * budget keeps a render to a few seconds even on a busy core.
   */
  private static void checkFilterCost(byte[] source, double rasterPixels) {
    int filters = SvgFilterCount.count(source);
    double cost = filters * rasterPixels;
    if (cost > SVG_FILTER_PIXEL_BUDGET) {
      throw ImageException.invalidSource(String.format(
          "SVG has %d filter references over a %.0f-pixel raster: %.3g filter pixels, over the"
              + " budget of %d", filters, rasterPixels, cost, SVG_FILTER_PIXEL_BUDGET));
    }
  }
}
