package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.shared.geometry.Size;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOps;

/**
 * The resize (imgproxy {@code scale}): lanczos3 on premultiplied alpha, to exactly the plan's
 * {@code scaled} size (in the un-rotated frame). Aiming at the size rather than re-applying the
 * plan's factors makes it right whatever the loader already shrank.
 *
 * <p>With {@code IMGPROXY_USE_LINEAR_COLORSPACE} the resize runs in linear light: the image goes
 * to scRGB (float, alpha kept on its 0–255 scale so premultiplying still works), is resized, and
 * comes back to its interpretation and sample format, so dark/light detail averages as light
 * does rather than as gamma-encoded numbers. imgproxy keeps the whole pipeline linear until
 * {@code colorspaceToResult}; here only the resize is, the step where it changes the pixels.
 *
 * <p>Request-driven sizes (width/height, zoom, dpr, min sizes) are not clamped
 * here: the plan they come from passed {@link io.imgrid.worker.pipeline.ResultGuard} before
 * the pipeline ran (422 above the resolution limit or libvips' coordinate limit).
 */
public final class Scale implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    GeometryPlan plan = ctx.plan();
    Size scaled = plan.scaled();
    int width = Math.max(1, plan.swapped() ? scaled.height() : scaled.width());
    int height = Math.max(1, plan.swapped() ? scaled.width() : scaled.height());
    VipsImage image = ctx.image();
    if (image.width() == width && image.height() == height) {
      return;
    }
    if (!ctx.linearResize()) {
      ctx.image(Images.resize(image, width, height));
      return;
    }
    VipsInterpretation space = image.interpretation();
    VipsBandFormat format = image.format();
    VipsImage linear = VipsOps.colourspace(image, VipsInterpretation.SCRGB);
    VipsImage out = VipsOps.colourspace(Images.resize(linear, width, height), space);
    ctx.image(Images.castTo(out, format));
  }
}
