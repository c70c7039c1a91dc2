package io.imgrid.worker.info;

import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsKernel;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsSave;

/**
 * The small straight-RGBA picture that ThumbHash, BlurHash and the average colour are computed
 * from: the first frame, in sRGB, 8 bits, alpha added when absent, shrunk so its longer side is
 * at most {@value ThumbHash#MAX_SIDE} pixels (never enlarged). Hashing a 100-pixel image gives the
 * same placeholder as hashing the original, for a fraction of the work (the algorithms' own
 * advice), and bounds the cost of an {@code /info} request whatever the source's size.
 */
public record PlaceholderPixels(int width, int height, byte[] rgba) {

  public PlaceholderPixels {
    if (rgba.length != width * height * 4) {
      throw new IllegalArgumentException("expected " + width * height * 4 + " bytes of RGBA");
    }
  }

  /** Reads the picture out of a loaded image (its scope owns the intermediate images). */
  public static PlaceholderPixels of(VipsImage image) {
    VipsImage frame = image.pageHeight() < image.height()
        ? VipsOps.extractArea(image, 0, 0, image.width(), image.pageHeight())
        : image;
    double scale = Math.min(1.0, (double) ThumbHash.MAX_SIDE
        / Math.max(frame.width(), frame.height()));
    VipsImage small = scale < 1.0
        ? VipsOps.resize(frame, scale, scale, VipsKernel.LINEAR)
        : frame;
    VipsImage srgb = small.interpretation() == VipsInterpretation.SRGB
        ? small
        : VipsOps.colourspace(small, VipsInterpretation.SRGB);
    VipsImage rgba = srgb.hasAlpha() ? srgb : VipsOps.bandjoinConst(srgb, new double[] {255});
    VipsImage bytes = VipsOps.cast(rgba, VipsBandFormat.UCHAR);
    if (bytes.bands() != 4) {
      bytes = VipsOps.extractBand(bytes, 0, 4);
    }
    return new PlaceholderPixels(bytes.width(), bytes.height(), VipsSave.toPixels(bytes));
  }

  /** This picture's ThumbHash. */
  public byte[] thumbHash() {
    return ThumbHash.encode(width, height, rgba);
  }

  /** This picture's BlurHash with the given components (1..9 each). */
  public String blurHash(int componentsX, int componentsY) {
    return BlurHash.encode(rgba, width, height, componentsX, componentsY);
  }

  /**
   * The average colour, each channel rounded; with {@code ignoreTransparent}, fully transparent
   * pixels do not count (imgproxy's {@code average:1:1}); when every pixel is transparent the
   * answer is transparent black.
   */
  public Rgba average(boolean ignoreTransparent) {
    long r = 0, g = 0, b = 0, a = 0, n = 0;
    for (int i = 0; i < rgba.length; i += 4) {
      int alpha = rgba[i + 3] & 0xff;
      if (ignoreTransparent && alpha == 0) {
        continue;
      }
      r += rgba[i] & 0xff;
      g += rgba[i + 1] & 0xff;
      b += rgba[i + 2] & 0xff;
      a += alpha;
      n++;
    }
    if (n == 0) {
      return new Rgba(0, 0, 0, 0);
    }
    return new Rgba(Math.round((float) r / n), Math.round((float) g / n),
        Math.round((float) b / n), Math.round((float) a / n));
  }

  /** One 8-bit colour with alpha, as imgproxy's JSON writes it ({@code {"R":..,"G":..,"B":..,"A":..}}). */
  public record Rgba(int r, int g, int b, int a) {}
}
