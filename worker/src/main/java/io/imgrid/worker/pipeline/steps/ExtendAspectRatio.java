package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;

/**
 * {@code extend_aspect_ratio}: pads to the plan's aspect-ratio box (the target's aspect ratio at
 * the image's size), transparent, placed by its gravity.
 */
public final class ExtendAspectRatio implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    GeometryPlan plan = ctx.plan();
    if (plan.extendAspectRatio().width() == 0 || plan.extendAspectRatio().height() == 0) {
      return;
    }
    ctx.image(Extend.extendTo(ctx.image(), plan.extendAspectRatio(),
        plan.extendAspectRatioGravity(), plan.dprScale()));
  }
}
