package io.imgrid.worker.pipeline.steps;

import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsIntent;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOps;

/**
 * Brings the image to the space every later step assumes: sRGB, 8 bits per sample unless
 * {@code preserve_hdr} keeps 16 (imgproxy {@code colorspaceToProcessing}). An embedded ICC
 * profile is applied (transform to sRGB), except that an RGB image keeps its profile and pixels
 * when {@code strip_color_profile} is off, so the saver writes both back unchanged, and 8-bit
 * RGB tagged with the standard sRGB IEC61966-2.1 profile is already sRGB (no transform; the
 * profile is dropped at the end like any other). CMYK, Lab, greyscale and the rest are
 * converted to sRGB.
 */
public final class ColorspaceToProcessing implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    VipsImage image = ctx.image();
    VipsInterpretation space = image.interpretation();
    boolean sixteen = image.format() == VipsBandFormat.USHORT;
    boolean keepHdr = sixteen && ctx.options().preserveHdr();
    boolean rgb = space == VipsInterpretation.SRGB || space == VipsInterpretation.RGB16;

    if (image.hasField("icc-profile-data")) {
      if (rgb && !ctx.options().stripColorProfile()) {
        ctx.iccKept(true);
      } else if (rgb && !sixteen && isStandardSrgb(image)) {
        // Already sRGB: nothing to transform.
      } else {
        image = VipsOps.iccTransform(image, "srgb", null, VipsIntent.RELATIVE);
        if (keepHdr) {
          image = VipsOps.colourspace(image, VipsInterpretation.RGB16);
        }
        space = image.interpretation();
        rgb = true;
        sixteen = image.format() == VipsBandFormat.USHORT;
      }
    }
    if (!rgb && image.bands() >= 3 && space == VipsInterpretation.MULTIBAND
        && image.format() == VipsBandFormat.UCHAR) {
      image = io.imgrid.worker.vips.VipsPipelineOps.withInterpretation(image,
          VipsInterpretation.SRGB);
    } else if (!rgb || (sixteen && !keepHdr)) {
      image = VipsOps.colourspace(image,
          keepHdr ? VipsInterpretation.RGB16 : VipsInterpretation.SRGB);
    }
    if (image.format() != VipsBandFormat.UCHAR && image.format() != VipsBandFormat.USHORT) {
      image = VipsOps.cast(image, VipsBandFormat.UCHAR);
    }
    ctx.image(image);
  }

  private static boolean isStandardSrgb(VipsImage image) {
    return image.blobField("icc-profile-data").map(SrgbProfile::isIec61966).orElse(false);
  }
}
