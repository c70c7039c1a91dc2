package io.imgrid.worker.pipeline.steps;

import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsImage;

/**
 * {@code padding}: transparent margins, already scaled by the dpr (and rounded to even) in the
 * plan.
 *
 * <p>Request-driven sizes (width/height, zoom, dpr, min sizes, padding) are not clamped
 * here: the plan they come from passed {@link io.imgrid.worker.pipeline.ResultGuard} before
 * the pipeline ran (422 above the resolution limit or libvips' coordinate limit).
 */
public final class Padding implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    io.imgrid.shared.options.Padding p = ctx.plan().padding();
    if (p.isNone()) {
      return;
    }
    VipsImage image = ctx.image();
    ctx.image(Images.embedTransparent(image, p.left(), p.top(),
        image.width() + p.left() + p.right(), image.height() + p.top() + p.bottom()));
  }
}
