package io.imgrid.worker.vips;

import io.imgrid.shared.format.ImageFormat;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/**
 * Finds out which formats the linked libvips really handles by encoding a 16×16 image in each and
 * decoding it back. Existence of an operation is not enough: {@code heifsave} exists without an
 * HEVC encoder in self-contained builds, and a loader can be compiled without its codec.
 *
 * <p>A format counts as loadable only when its decode was proven (HEIC and AVIF share one loader,
 * so an unprovable decode is not assumed), except SVG, proven with a tiny document.
 */
final class FormatProbe {
  private static final Logger LOG = System.getLogger(FormatProbe.class.getName());
  private static final byte[] SVG =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"><rect width=\"4\" height=\"4\"/></svg>"
          .getBytes(StandardCharsets.UTF_8);

  private FormatProbe() {}

  static FormatSupport probe() {
    Set<ImageFormat> loadable = EnumSet.noneOf(ImageFormat.class);
    Set<ImageFormat> savable = EnumSet.noneOf(ImageFormat.class);
    try {
      for (ImageFormat format : ImageFormat.values()) {
        if (format == ImageFormat.BMP || format == ImageFormat.ICO) {
          continue;
        }
        if (format == ImageFormat.SVG) {
          if (decodes(format, SVG)) {
            loadable.add(format);
          }
          continue;
        }
        byte[] encoded = encode(format);
        if (encoded != null) {
          savable.add(format);
          if (decodes(format, encoded)) {
            loadable.add(format);
          }
        }
      }
    } finally {
      Vips.threadShutdown();
    }
    LOG.log(Level.INFO, "libvips {0}: loads {1}, saves {2}", Vips.version(), loadable, savable);
    return new FormatSupport(loadable, savable);
  }

  private static byte[] encode(ImageFormat format) {
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsOps.linear(VipsOps.black(scope, 16, 16, 3), new double[] {1},
          new double[] {128});
      image = VipsPipelineOps.withInterpretation(VipsOps.cast(image, VipsBandFormat.UCHAR),
          VipsInterpretation.SRGB);
      return switch (format) {
        case JPEG -> VipsSave.jpeg(image, new VipsSave.Jpeg(80, false, false, VipsSave.Keep.NONE));
        case PNG -> VipsSave.png(image,
            new VipsSave.Png(VipsPngFilter.NONE, false, false, 8, 100, VipsSave.Keep.NONE));
        case WEBP -> VipsSave.webp(image,
            new VipsSave.Webp(80, 0, VipsWebpPreset.DEFAULT, VipsSave.Keep.NONE));
        case GIF -> VipsSave.gif(image, new VipsSave.Gif(8, VipsSave.Keep.NONE));
        case AVIF -> VipsSave.heif(image,
            new VipsSave.Heif(60, VipsHeifCompression.AV1, 0, 8, VipsSave.Keep.NONE));
        case HEIC -> VipsSave.heif(image,
            new VipsSave.Heif(60, VipsHeifCompression.HEVC, 0, 8, VipsSave.Keep.NONE));
        case TIFF -> VipsSave.tiff(image, new VipsSave.Tiff(80, VipsSave.Keep.NONE));
        case JXL -> VipsSave.jxl(image, new VipsSave.Jxl(80, 1, VipsSave.Keep.NONE));
        default -> null;
      };
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "libvips cannot save " + format + ": " + e.getMessage());
      return null;
    }
  }

  private static boolean decodes(ImageFormat format, byte[] bytes) {
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsLoad.buffer(scope, format, bytes, LoadOptions.DEFAULT);
      VipsSave.toPixels(image);
      return true;
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "libvips cannot load " + format + ": " + e.getMessage());
      return false;
    }
  }
}
