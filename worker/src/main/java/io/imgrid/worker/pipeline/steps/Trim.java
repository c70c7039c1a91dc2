package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.options.Color;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPipelineOps;

/**
 * {@code trim}: cuts away a uniform border, then re-plans the geometry for the trimmed size
 * (imgproxy {@code processing/trim.go}). Without a colour, the top-left pixel is the background;
 * transparent pixels are flattened onto magenta first so a transparent border is found too.
 * {@code equal_hor}/{@code equal_ver} keep the same amount on both sides. Not applied to
 * animations. The source was loaded without shrink-on-load when trim is on. A negative threshold
 * (the parser takes any float; {@code find_trim} refuses it) is clamped to 0.
 */
public final class Trim implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    io.imgrid.shared.options.Trim trim = ctx.options().trim();
    if (trim == null || ctx.animation()) {
      return;
    }
    VipsImage image = ctx.image();
    VipsImage probe = image;
    VipsInterpretation space = probe.interpretation();
    if (space != VipsInterpretation.SRGB && space != VipsInterpretation.B_W) {
      probe = VipsOps.colourspace(probe, VipsInterpretation.SRGB);
    }
    if (probe.hasAlpha()) {
      probe = VipsOps.flatten(probe, Images.colour(probe, Color.MAGENTA));
    }
    double[] background =
        trim.color() != null
            ? Images.colour(probe, trim.color())
            : VipsPipelineOps.getpoint(probe, 0, 0);
    // find_trim takes a threshold >= 0; the parser accepts any float, and a negative one can only
    // mean "any difference counts", which is what 0 means
    VipsOps.TrimBox box = VipsOps.findTrim(probe, Math.max(0, trim.threshold()), background);
    if (box.width() <= 0 || box.height() <= 0) {
      return; // all background: imgproxy leaves the image as it is
    }
    int left = box.left();
    int top = box.top();
    int width = box.width();
    int height = box.height();
    if (trim.equalHorizontal()) {
      int side = Math.min(left, image.width() - left - width);
      left = side;
      width = image.width() - 2 * side;
    }
    if (trim.equalVertical()) {
      int side = Math.min(top, image.height() - top - height);
      top = side;
      height = image.height() - 2 * side;
    }
    if (width == image.width() && height == image.height()) {
      return;
    }
    ctx.image(VipsOps.extractArea(image, left, top, width, height));
    ctx.replan(width, height);
  }
}
