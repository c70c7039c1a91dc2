package io.imgrid.worker;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.worker.codec.BmpDecoder;
import io.imgrid.worker.codec.IcoDecoder;
import io.imgrid.worker.codec.IcoImage;
import io.imgrid.worker.codec.Pixels;
import io.imgrid.worker.guard.SourceInfo;
import io.imgrid.worker.vips.LoadOptions;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsLoad;
import io.imgrid.worker.vips.VipsScope;
import java.util.Objects;

/**
 * Turns checked source bytes into a libvips image: BMP and ICO through imgrid's Java decoders
 * (then an image from memory), everything else through the libvips loader for the sniffed format
 * with the given shrink/scale/pages. Call only after {@link io.imgrid.worker.guard.HeaderGuard}
 * has passed the bytes.
 */
public final class SourceLoader {
  private SourceLoader() {}

  /**
   * Loads {@code bytes} of the sniffed {@code format}. {@code options} apply to libvips loaders
   * only; the Java decoders always decode the full image.
   */
  public static VipsImage load(
      VipsScope scope, byte[] bytes, ImageFormat format, LoadOptions options) {
    Objects.requireNonNull(format, "format == null");
    switch (format) {
      case BMP:
        return fromPixels(scope, BmpDecoder.decode(bytes));
      case ICO:
        IcoImage icon = IcoDecoder.decode(bytes);
        if (icon instanceof IcoImage.Png png) {
          return VipsLoad.buffer(scope, ImageFormat.PNG, png.png(), LoadOptions.DEFAULT);
        }
        return fromPixels(scope, ((IcoImage.Bitmap) icon).pixels());
      default:
        return VipsLoad.buffer(scope, format, bytes, options);
    }
  }

  /** Loads a still image (the first frame) at full size. */
  public static VipsImage loadStill(VipsScope scope, byte[] bytes, SourceInfo info) {
    return load(scope, bytes, info.format(), LoadOptions.DEFAULT);
  }

  private static VipsImage fromPixels(VipsScope scope, Pixels p) {
    return VipsLoad.fromPixels(scope, p.data(), p.width(), p.height(), p.bands(),
        VipsBandFormat.UCHAR, VipsInterpretation.SRGB);
  }
}
