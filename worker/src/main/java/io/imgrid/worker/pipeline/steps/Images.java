package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.options.Color;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsExtend;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsKernel;
import io.imgrid.worker.vips.VipsOps;

/**
 * Pixel helpers several steps share: alpha handling, premultiplied resizing to an exact size,
 * transparent embedding, background colours. Images here are sRGB (8 or 16 bit) with or without
 * alpha, as {@link ColorspaceToProcessing} leaves them.
 */
public final class Images {
  private Images() {}

  /** The opaque alpha value for the image's sample format: 65535 for 16-bit, else 255. */
  public static double maxAlpha(VipsImage image) {
    return image.format() == VipsBandFormat.USHORT ? 65535 : 255;
  }

  /** The image with an alpha band: its own, or an added opaque one. */
  public static VipsImage withAlpha(VipsImage image) {
    if (image.hasAlpha()) {
      return image;
    }
    return VipsOps.bandjoinConst(image, new double[] {maxAlpha(image)});
  }

  /**
   * Places the image at (x, y) on a transparent black {@code width}×{@code height} canvas, as
   * imgproxy's extend and padding do (an alpha band is added first). Offsets may be negative; the
   * canvas clips.
   */
  public static VipsImage embedTransparent(VipsImage image, int x, int y, int width, int height) {
    VipsImage withAlpha = withAlpha(image);
    return VipsOps.embed(withAlpha, x, y, width, height, VipsExtend.BACKGROUND,
        new double[withAlpha.bands()]);
  }

  /**
   * Resizes to exactly {@code width}×{@code height} with lanczos3, on premultiplied alpha so
   * transparent pixels don't bleed their colour into the edges. A one-pixel rounding difference
   * of libvips is cut off or copied at the edge.
   */
  public static VipsImage resize(VipsImage image, int width, int height) {
    if (image.width() == width && image.height() == height) {
      return image;
    }
    double hscale = (double) width / image.width();
    double vscale = (double) height / image.height();
    VipsImage out;
    if (image.hasAlpha()) {
      VipsBandFormat format = image.format();
      out = VipsOps.premultiply(image);
      out = VipsOps.resize(out, hscale, vscale, VipsKernel.LANCZOS3);
      out = VipsOps.unpremultiply(out);
      out = VipsOps.cast(out, format);
    } else {
      out = VipsOps.resize(image, hscale, vscale, VipsKernel.LANCZOS3);
    }
    return exactSize(out, width, height);
  }

  /** Cuts or edge-extends to exactly the given size (for libvips' rounding). */
  public static VipsImage exactSize(VipsImage image, int width, int height) {
    if (image.width() == width && image.height() == height) {
      return image;
    }
    if (image.width() >= width && image.height() >= height) {
      return VipsOps.extractArea(image, 0, 0, width, height);
    }
    return VipsOps.embed(image, 0, 0, width, height, VipsExtend.COPY, null);
  }

  /** A colour as band values for the image: RGB, scaled to 16-bit when the image is. */
  public static double[] colour(VipsImage image, Color c) {
    double k = image.format() == VipsBandFormat.USHORT ? 257 : 1;
    int colourBands = image.hasAlpha() ? image.bands() - 1 : image.bands();
    if (colourBands < 3) {
      return new double[] {k * (0.2126 * c.r() + 0.7152 * c.g() + 0.0722 * c.b())};
    }
    return new double[] {k * c.r(), k * c.g(), k * c.b()};
  }

  /** Casts back to {@code format} when an operation widened the samples. */
  public static VipsImage castTo(VipsImage image, VipsBandFormat format) {
    return image.format() == format ? image : VipsOps.cast(image, format);
  }
}
