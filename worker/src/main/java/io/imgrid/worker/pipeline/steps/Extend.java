package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.shared.geometry.Position;
import io.imgrid.shared.geometry.Size;
import io.imgrid.shared.options.Gravity;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsImage;

/**
 * {@code extend}: pads to the target size with transparent black, placed by the extend gravity
 * (offsets × the dpr scale); {@link Flatten} later fills it when the output has no alpha or a
 * background is set (imgproxy {@code extendImage}).
 *
 * <p>Request-driven sizes (width/height, zoom, dpr, min sizes, extend) are not clamped
 * here: the plan they come from passed {@link io.imgrid.worker.pipeline.ResultGuard} before
 * the pipeline ran (422 above the resolution limit or libvips' coordinate limit).
 */
public final class Extend implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    GeometryPlan plan = ctx.plan();
    if (!plan.extend()) {
      return;
    }
    ctx.image(extendTo(ctx.image(), plan.target(), plan.extendGravity(), plan.dprScale()));
  }

  /** Only when the box is larger on some side; a 0 side keeps the image's. */
  static VipsImage extendTo(VipsImage image, Size box, Gravity gravity, double offsetScale) {
    int w = image.width();
    int h = image.height();
    if (box.width() <= w && box.height() <= h) {
      return image;
    }
    int width = box.width() <= 0 ? w : box.width();
    int height = box.height() <= 0 ? h : box.height();
    Position p = Position.of(gravity, width, height, w, h, offsetScale);
    return Images.embedTransparent(image, p.left(), p.top(), width, height);
  }
}
