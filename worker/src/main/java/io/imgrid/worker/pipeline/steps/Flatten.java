package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.options.Color;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;

/**
 * Removes alpha by blending onto {@code background} when one is set, or onto white when the
 * output format has no alpha (imgproxy {@code flatten}). Images without alpha are left alone.
 */
public final class Flatten implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    VipsImage image = ctx.image();
    Color background = ctx.options().background();
    if (!image.hasAlpha() || (background == null && ctx.targetFormat().supportsAlpha())) {
      return;
    }
    ctx.image(flatten(image, background == null ? Color.WHITE : background));
  }

  /** The image blended onto {@code colour}, without its alpha band, same sample format. */
  public static VipsImage flatten(VipsImage image, Color colour) {
    VipsBandFormat format = image.format();
    return Images.castTo(VipsOps.flatten(image, Images.colour(image, colour)), format);
  }
}
