package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.geometry.IMath;
import io.imgrid.shared.geometry.Position;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.WatermarkPosition;
import io.imgrid.worker.SourceLoader;
import io.imgrid.worker.guard.HeaderGuard;
import io.imgrid.worker.guard.SourceInfo;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsBlendMode;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPipelineOps;

/**
 * {@code watermark} with the {@code IMGPROXY_WATERMARK_*} image (imgproxy {@code watermark.go}):
 * optionally scaled to fit {@code scale} × the result, its alpha multiplied by the option's
 * opacity × {@code IMGPROXY_WATERMARK_OPACITY}, then placed by position and offsets (× the dpr
 * scale; it may hang over the edges) or tiled ({@code re}, x/y being the spacing between tiles).
 * Runs once on the joined frames of an animation and marks each frame the same way.
 *
 * <p><b>Request-driven values are clamped, never a 500</b> (they feed range-checked libvips
 * arguments): the scale box is at most {@value #MAX_SCALE} × the result per side, and the mark is
 * never enlarged more than {@value #MAX_MARK_ENLARGE} times (a mark that large shows only its
 * middle); position offsets are clamped to where the mark is just off the image (further is the
 * same picture, and Position keeps one pixel inside anyway); the tile spacing of {@code re} is
 * clamped to [0, the result's side] (a negative spacing has no meaning; a larger one shows one
 * tile either way); and tiling wider than {@code replicate}'s limit widens the tile first.
 */
public final class Watermark implements Step {
  /** The largest watermark scale, relative to the result. */
  static final double MAX_SCALE = 4;
  /** The largest enlargement of the watermark image ({@code resize} takes up to 10^7). */
  static final double MAX_MARK_ENLARGE = 100_000;
  /** {@code replicate}'s largest count per direction. */
  private static final int MAX_REPLICATE = 1_000_000;

  @Override
  public boolean perFrame() {
    return false;
  }

  @Override
  public void apply(PipelineContext ctx) {
    io.imgrid.shared.options.Watermark wm = ctx.options().watermark();
    if (!wm.enabled() || !ctx.watermark().present()) {
      return;
    }
    double opacity = Math.min(1.0, wm.opacity()) * ctx.watermark().opacity();
    if (opacity <= 0) {
      return;
    }
    VipsImage base = ctx.image();
    int width = base.width();
    int height = ctx.frameHeight();
    double dpr = ctx.plan().dprScale();

    VipsImage mark = markImage(ctx, width, height, wm.scale(), opacity);
    VipsImage overlay;
    if (wm.position() == WatermarkPosition.REPLICATE) {
      double spaceX = Math.max(0, Math.min(wm.x() * dpr, width));
      double spaceY = Math.max(0, Math.min(wm.y() * dpr, height));
      overlay = tiles(mark, width, height, spaceX, spaceY);
    } else {
      Gravity gravity = new Gravity(GravityType.valueOf(wm.position().name()),
          clampOffset(wm.x(), width + mark.width(), dpr),
          clampOffset(wm.y(), height + mark.height(), dpr));
      Position p = Position.of(gravity, width, height, mark.width(), mark.height(), dpr, true);
      overlay = Images.embedTransparent(mark, p.left(), p.top(), width, height);
    }
    if (ctx.frames() > 1) {
      overlay = VipsPipelineOps.replicate(overlay, 1, ctx.frames());
    }
    ctx.image(compose(base, overlay));
  }

  /**
   * An absolute offset ({@code |v| >= 1}, × {@code dpr} later) limited so that {@code |v × dpr|}
   * stays within {@code reach} pixels (at least 1, so it stays absolute); fractions are kept.
   */
  static double clampOffset(double v, int reach, double dpr) {
    if (Math.abs(v) < 1) {
      return v;
    }
    double max = Math.max(1, reach / dpr);
    return Math.copySign(Math.min(Math.abs(v), max), v);
  }

  /** The watermark as 8-bit sRGB with alpha, scaled and faded. */
  private static VipsImage markImage(PipelineContext ctx, int width, int height, double scale,
      double opacity) {
    byte[] bytes = ctx.watermark().image().orElseThrow();
    SourceInfo info = HeaderGuard.inspect(bytes);
    VipsImage mark = SourceLoader.loadStill(ctx.scope(), bytes, info);
    if (mark.interpretation() != VipsInterpretation.SRGB || mark.format() != VipsBandFormat.UCHAR) {
      mark = VipsOps.colourspace(mark, VipsInterpretation.SRGB);
      mark = Images.castTo(mark, VipsBandFormat.UCHAR);
    }
    mark = Images.withAlpha(mark);
    if (scale > 0) {
      double s = Math.min(scale, MAX_SCALE);
      int boxW = Math.max(1, IMath.scaleToEven(width, s));
      int boxH = Math.max(1, IMath.scaleToEven(height, s));
      double f = Math.min((double) boxW / mark.width(), (double) boxH / mark.height());
      f = Math.min(f, Math.min(MAX_MARK_ENLARGE,
          (double) io.imgrid.worker.pipeline.ResultGuard.MAX_SIDE
              / Math.max(mark.width(), mark.height())));
      mark = Images.resize(mark, Math.max(1, IMath.scale(mark.width(), f)),
          Math.max(1, IMath.scale(mark.height(), f)));
    }
    if (opacity < 1) {
      double[] a = new double[mark.bands()];
      java.util.Arrays.fill(a, 1.0);
      a[a.length - 1] = opacity;
      mark = Images.castTo(VipsOps.linear(mark, a, new double[] {0}), VipsBandFormat.UCHAR);
    }
    return mark;
  }

  /** The mark tiled over a width×height canvas, each tile padded by the spacing. */
  private static VipsImage tiles(VipsImage mark, int width, int height, double x, double y) {
    int padLeft = (int) (x / 2);
    int padRight = (int) x - padLeft;
    int padTop = (int) (y / 2);
    int padBottom = (int) y - padTop;
    VipsImage tile = mark;
    if (x > 0 || y > 0) {
      tile = Images.embedTransparent(mark, padLeft, padTop,
          mark.width() + padLeft + padRight, mark.height() + padTop + padBottom);
    }
    while ((width + (long) tile.width() - 1) / tile.width() > MAX_REPLICATE
        || (height + (long) tile.height() - 1) / tile.height() > MAX_REPLICATE) {
      tile = VipsPipelineOps.replicate(tile, tile.width() < width ? 2 : 1,
          tile.height() < height ? 2 : 1);
    }
    int across = (int) ((width + (long) tile.width() - 1) / tile.width());
    int down = (int) ((height + (long) tile.height() - 1) / tile.height());
    VipsImage all = VipsPipelineOps.replicate(tile, across, down);
    return VipsOps.extractArea(all, 0, 0, width, height);
  }

  /** Composites the overlay; keeps the base's bands (no alpha added) and sample format. */
  private static VipsImage compose(VipsImage base, VipsImage overlay) {
    VipsBandFormat format = base.format();
    boolean alpha = base.hasAlpha();
    int bands = base.bands();
    VipsImage src = base;
    if (format == VipsBandFormat.USHORT) {
      src = VipsOps.colourspace(base, VipsInterpretation.SRGB);
    }
    VipsImage out = VipsOps.composite2(src, overlay, VipsBlendMode.OVER, 0, 0);
    out = Images.castTo(out, VipsBandFormat.UCHAR);
    if (!alpha && out.bands() > bands) {
      out = VipsOps.extractBand(out, 0, bands);
    }
    return out;
  }
}
