package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.pipeline.Step;
import io.imgrid.worker.vips.VipsImage;

/**
 * Downscales a result that is too large for its format (imgproxy {@code fixSize}): WebP 16383,
 * AVIF/HEIC 16384, GIF 65535, ICO 256 pixels per side, keeping the aspect ratio.
 */
public final class FixSize implements Step {

  /** The largest side the format can store, 0 for no limit. */
  public static int maxSide(ImageFormat format) {
    switch (format) {
      case WEBP:
        return 16383;
      case AVIF:
      case HEIC:
        return 16384;
      case GIF:
        return 65535;
      case ICO:
        return 256;
      default:
        return 0;
    }
  }

  @Override
  public void apply(PipelineContext ctx) {
    int max = maxSide(ctx.targetFormat());
    VipsImage image = ctx.image();
    int w = image.width();
    int h = image.height();
    if (max == 0 || (w <= max && h <= max)) {
      return;
    }
    double scale = Math.min((double) max / w, (double) max / h);
    int width = Math.max(1, Math.min(max, (int) Math.round(w * scale)));
    int height = Math.max(1, Math.min(max, (int) Math.round(h * scale)));
    ctx.image(Images.resize(image, width, height));
  }
}
