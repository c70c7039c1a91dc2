package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.shared.geometry.Size;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsImage;

/**
 * The resize (imgproxy {@code scale}): lanczos3 on premultiplied alpha, to exactly the plan's
 * {@code scaled} size (in the un-rotated frame). Aiming at the size rather than re-applying the
 * plan's factors makes it right whatever the loader already shrank.
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
    ctx.image(Images.resize(image, width, height));
  }
}
