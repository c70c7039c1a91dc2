package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOps;

/**
 * Finalises colour (imgproxy {@code colorspaceToResult}): the result is sRGB, 8-bit unless
 * {@code preserve_hdr} keeps 16 bits for a format that stores them (PNG, TIFF); the ICC profile
 * is dropped unless {@link ColorspaceToProcessing} kept the source's (strip_color_profile off).
 */
public final class ColorspaceToResult implements Step {

  @Override
  public boolean perFrame() {
    return false;
  }

  @Override
  public void apply(PipelineContext ctx) {
    VipsImage image = ctx.image();
    boolean keep16 = ctx.options().preserveHdr()
        && (ctx.targetFormat() == ImageFormat.PNG || ctx.targetFormat() == ImageFormat.TIFF);
    VipsInterpretation space = image.interpretation();
    if (image.format() == VipsBandFormat.USHORT && !keep16) {
      image = VipsOps.colourspace(image, VipsInterpretation.SRGB);
    } else if (space != VipsInterpretation.SRGB && space != VipsInterpretation.RGB16) {
      image = VipsOps.colourspace(image, VipsInterpretation.SRGB);
    }
    if (image.format() != VipsBandFormat.UCHAR && image.format() != VipsBandFormat.USHORT) {
      image = VipsOps.cast(image, VipsBandFormat.UCHAR);
    }
    if (!ctx.iccKept() && image.hasField("icc-profile-data")) {
      image = VipsOps.copy(image);
      image.remove("icc-profile-data");
    }
    ctx.image(image);
  }
}
