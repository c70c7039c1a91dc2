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
 */
public final class Watermark implements Step {

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
      overlay = tiles(mark, width, height, wm.x() * dpr, wm.y() * dpr);
    } else {
      Gravity gravity = new Gravity(GravityType.valueOf(wm.position().name()), wm.x(), wm.y());
      Position p = Position.of(gravity, width, height, mark.width(), mark.height(), dpr, true);
      overlay = Images.embedTransparent(mark, p.left(), p.top(), width, height);
    }
    if (ctx.frames() > 1) {
      overlay = VipsPipelineOps.replicate(overlay, 1, ctx.frames());
    }
    ctx.image(compose(base, overlay));
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
      int boxW = Math.max(1, IMath.scaleToEven(width, scale));
      int boxH = Math.max(1, IMath.scaleToEven(height, scale));
      double f = Math.min((double) boxW / mark.width(), (double) boxH / mark.height());
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
    int across = (width + tile.width() - 1) / tile.width();
    int down = (height + tile.height() - 1) / tile.height();
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
