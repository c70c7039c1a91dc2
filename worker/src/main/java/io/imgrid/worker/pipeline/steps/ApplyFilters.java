package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsExtend;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPipelineOps;

/**
 * {@code blur} (gaussian, on premultiplied alpha), {@code sharpen}, then {@code pixelate}
 * (imgproxy {@code applyFilters}). Pixelate mirror-extends to a multiple of the block size,
 * averages each block and blows it back up, then cuts back to the original size.
 */
public final class ApplyFilters implements Step {

  @Override
  public void apply(PipelineContext ctx) {
    ProcessingOptions o = ctx.options();
    VipsImage image = ctx.image();
    if (o.blur() > 0) {
      image = blur(image, o.blur());
    }
    if (o.sharpen() > 0) {
      VipsBandFormat format = image.format();
      image = Images.castTo(VipsOps.sharpen(image, o.sharpen()), format);
    }
    if (o.pixelate() > 1) {
      image = pixelate(image, o.pixelate());
    }
    ctx.image(image);
  }

  private static VipsImage blur(VipsImage image, double sigma) {
    VipsBandFormat format = image.format();
    if (!image.hasAlpha()) {
      return Images.castTo(VipsOps.gaussblur(image, sigma), format);
    }
    VipsImage out = VipsOps.premultiply(image);
    out = VipsOps.gaussblur(out, sigma);
    out = VipsOps.unpremultiply(out);
    return Images.castTo(out, format);
  }

  private static VipsImage pixelate(VipsImage image, int block) {
    int w = image.width();
    int h = image.height();
    int tw = (w + block - 1) / block * block;
    int th = (h + block - 1) / block * block;
    VipsImage out = image;
    if (tw != w || th != h) {
      out = VipsOps.embed(out, 0, 0, tw, th, VipsExtend.MIRROR, null);
    }
    VipsBandFormat format = out.format();
    out = VipsPipelineOps.shrink(out, block, block);
    out = Images.castTo(out, format);
    out = VipsPipelineOps.zoom(out, block, block);
    if (tw != w || th != h) {
      out = VipsOps.extractArea(out, 0, 0, w, h);
    }
    return out;
  }
}
