package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsExtend;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOperation;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPipelineOps;

/**
 * {@code blur} (gaussian, on premultiplied alpha), {@code sharpen}, then {@code pixelate}
 * (imgproxy {@code applyFilters}). Pixelate mirror-extends to a multiple of the block size,
 * averages each block and blows it back up, then cuts back to the original size.
 *
 * <p><b>Request-driven values are clamped, never a 500.</b> The binding range-checks every libvips
 * argument, so each value is brought into the range the linked libvips declares ({@link
 * VipsOperation#range}) first:
 * <ul>
 *   <li>blur sigma into {@code gaussblur}'s range (at most 1000; imgproxy passes the value
 *       through and libvips refuses it; a sigma that large already averages any image of sane
 *       size to its mean, so the clamp changes nothing visible);
 *   <li>sharpen sigma into {@code sharpen}'s range and to at most {@value #MAX_SHARPEN_SIGMA}:
 *       libvips 8.14 declares up to 10000, but its Gaussian mask ({@code gaussmat}, at most 10000
 *       wide) fails from about 2329, a failure that would read as a broken source; 8.15 and later
 *       declare at most 10;
 *   <li>the pixelate block to at most the image's smaller side, as imgproxy does ({@code
 *       imath.Min(po.Pixelate, imath.Min(w, h))}), which also keeps the mirror-extended canvas
 *       within twice the image.
 * </ul>
 */
public final class ApplyFilters implements Step {
  /** The largest sharpen sigma whose mask libvips 8.14 builds, with a margin (see above). */
  static final double MAX_SHARPEN_SIGMA = 2000;

  @Override
  public void apply(PipelineContext ctx) {
    ProcessingOptions o = ctx.options();
    VipsImage image = ctx.image();
    if (o.blur() > 0) {
      image = blur(image, VipsOperation.range("gaussblur", "sigma").clamp(o.blur()));
    }
    if (o.sharpen() > 0) {
      VipsBandFormat format = image.format();
      double sigma = VipsOperation.range("sharpen", "sigma")
          .clamp(Math.min(o.sharpen(), MAX_SHARPEN_SIGMA));
      image = Images.castTo(VipsOps.sharpen(image, sigma), format);
    }
    int block = Math.min(o.pixelate(), Math.min(image.width(), ctx.frameHeight()));
    if (block > 1) {
      image = pixelate(image, block);
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
