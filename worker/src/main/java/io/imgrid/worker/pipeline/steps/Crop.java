package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.shared.geometry.IMath;
import io.imgrid.shared.geometry.Position;
import io.imgrid.shared.geometry.Size;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInteresting;
import io.imgrid.worker.vips.VipsOps;

/**
 * {@code crop}: the pre-resize crop (imgproxy {@code cropImage} in {@code crop.go}). It runs on
 * the un-rotated image, so it uses the plan's source-frame box and the gravity remapped for the
 * later rotation. When the loader shrank the image, the box and pixel offsets shrink with it.
 */
public final class Crop implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    GeometryPlan plan = ctx.plan();
    if (!plan.hasCrop()) {
      return;
    }
    Size box = plan.sourceCrop();
    Gravity gravity = plan.sourceCropGravity();
    double sx = ctx.loadShrinkX();
    double sy = ctx.loadShrinkY();
    int width = box.width() == 0 ? 0 : Math.max(1, IMath.shrink(box.width(), sx));
    int height = box.height() == 0 ? 0 : Math.max(1, IMath.shrink(box.height(), sy));
    if (gravity.type() != GravityType.FOCUS_POINT) {
      gravity = new Gravity(gravity.type(), shrinkOffset(gravity.x(), sx),
          shrinkOffset(gravity.y(), sy));
    }
    ctx.image(cropTo(ctx.image(), width, height, gravity, 1.0));
  }

  /**
   * imgproxy {@code cropImage}: a 0 side keeps the image's; nothing happens when the box covers
   * the image; {@code sm} uses libvips' attention-based smart crop.
   */
  static VipsImage cropTo(VipsImage image, int width, int height, Gravity gravity,
      double offsetScale) {
    int w = IMath.minNonZero(width, image.width());
    int h = IMath.minNonZero(height, image.height());
    if (w >= image.width() && h >= image.height()) {
      return image;
    }
    w = Math.min(w, image.width());
    h = Math.min(h, image.height());
    if (gravity.type() == GravityType.SMART) {
      return VipsOps.smartcrop(image, w, h, VipsInteresting.ATTENTION);
    }
    Position p = Position.of(gravity, image.width(), image.height(), w, h, offsetScale);
    return VipsOps.extractArea(image, p.left(), p.top(), w, h);
  }

  private static double shrinkOffset(double v, double shrink) {
    return Math.abs(v) >= 1 ? v / shrink : v;
  }
}
