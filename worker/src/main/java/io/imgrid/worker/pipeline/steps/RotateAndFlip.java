package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsAngle;
import io.imgrid.worker.vips.VipsDirection;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;

/**
 * EXIF orientation first (rotate clockwise, then mirror), then the {@code rotate} option, then
 * {@code flip} horizontal and vertical (imgproxy {@code rotateAndFlip}). The orientation tag is
 * reset to 1 either way, so no viewer rotates the result again.
 */
public final class RotateAndFlip implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    GeometryPlan plan = ctx.plan();
    VipsImage image = ctx.image();
    image = rotate(image, plan.orientation().angle());
    if (plan.orientation().flip()) {
      image = VipsOps.flip(image, VipsDirection.HORIZONTAL);
    }
    image = rotate(image, plan.rotate());
    if (plan.flipHorizontal()) {
      image = VipsOps.flip(image, VipsDirection.HORIZONTAL);
    }
    if (plan.flipVertical()) {
      image = VipsOps.flip(image, VipsDirection.VERTICAL);
    }
    if (image.orientation() != 1 || image.hasField("orientation")) {
      image = VipsOps.copy(image);
      image.setInt("orientation", 1);
    }
    ctx.image(image);
  }

  private static VipsImage rotate(VipsImage image, int angle) {
    switch (Math.floorMod(angle, 360)) {
      case 90:
        return VipsOps.rot(image, VipsAngle.D90);
      case 180:
        return VipsOps.rot(image, VipsAngle.D180);
      case 270:
        return VipsOps.rot(image, VipsAngle.D270);
      default:
        return image;
    }
  }
}
