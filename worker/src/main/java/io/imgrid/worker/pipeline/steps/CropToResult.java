package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;

/**
 * Crops the resized, oriented image to the result box with the main {@code gravity} (every
 * type, offsets × the dpr scale, {@code sm} smart crop by attention, {@code fp} focus point),
 * imgproxy {@code cropToResult}. A 0 side of the box keeps the image's side.
 */
public final class CropToResult implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    GeometryPlan plan = ctx.plan();
    ctx.image(Crop.cropTo(ctx.image(), plan.resultCrop().width(), plan.resultCrop().height(),
        plan.gravity(), plan.dprScale()));
  }
}
