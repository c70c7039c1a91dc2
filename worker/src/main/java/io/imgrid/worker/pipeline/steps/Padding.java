package io.imgrid.worker.pipeline.steps;

import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsImage;

/** {@code padding}: transparent margins, already scaled by the dpr (and rounded to even) in the plan. */
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
