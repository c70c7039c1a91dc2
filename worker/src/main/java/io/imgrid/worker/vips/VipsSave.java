package io.imgrid.worker.vips;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Objects;

/**
 * Encoding to bytes with libvips' {@code *save_buffer} operations, with the parameters imgproxy
 * passes (contract §8), and raw pixels out for imgrid's Java BMP/ICO encoder.
 *
 * <p>Saving is where a lazy pipeline actually runs, so a source that turns out to be broken fails
 * here with a {@link VipsException}.
 */
public final class VipsSave {
  private VipsSave() {}

  /**
   * Which metadata a saver writes. libvips 8.14 savers only know {@code strip} (all or nothing);
   * 8.15+ have {@code keep} flags. On 8.14, {@link #ICC} and {@link #ALL} both keep everything, so
   * a pipeline that wants ICC only removes the other fields itself before saving.
   */
  public enum Keep {
    NONE,
    ICC,
    ALL
  }

  /** {@code jpegsave}: imgproxy uses optimize_coding on, interlace from IMGPROXY_JPEG_PROGRESSIVE. */
  public record Jpeg(int quality, boolean optimizeCoding, boolean interlace, Keep keep) {
    public Jpeg {
      checkQuality(quality);
      Objects.requireNonNull(keep, "keep == null");
    }
  }

  /**
   * {@code pngsave}: {@code quality} applies to palette quantisation only; {@code bitdepth} 1, 2,
   * 4, 8 or 16.
   */
  public record Png(
      VipsPngFilter filter, boolean interlace, boolean palette, int bitdepth, int quality, Keep keep) {
    public Png {
      Objects.requireNonNull(filter, "filter == null");
      Objects.requireNonNull(keep, "keep == null");
      if (bitdepth != 1 && bitdepth != 2 && bitdepth != 4 && bitdepth != 8 && bitdepth != 16) {
        throw new IllegalArgumentException("bitdepth must be 1, 2, 4, 8 or 16: " + bitdepth);
      }
      checkQuality(quality);
    }
  }

  /** {@code webpsave}: effort 0..6. */
  public record Webp(int quality, int effort, VipsWebpPreset preset, Keep keep) {
    public Webp {
      checkQuality(quality);
      checkRange("effort", effort, 0, 6);
      Objects.requireNonNull(preset, "preset == null");
      Objects.requireNonNull(keep, "keep == null");
    }
  }

  /** {@code heifsave}: AV1 for AVIF, HEVC for HEIC; effort 0..9; bitdepth 8, 10 or 12. */
  public record Heif(
      int quality, VipsHeifCompression compression, int effort, int bitdepth, Keep keep) {
    public Heif {
      checkQuality(quality);
      Objects.requireNonNull(compression, "compression == null");
      checkRange("effort", effort, 0, 9);
      if (bitdepth != 8 && bitdepth != 10 && bitdepth != 12) {
        throw new IllegalArgumentException("bitdepth must be 8, 10 or 12: " + bitdepth);
      }
      Objects.requireNonNull(keep, "keep == null");
    }
  }

  /** {@code gifsave}: bitdepth 1..8 from the palette size. */
  public record Gif(int bitdepth, Keep keep) {
    public Gif {
      checkRange("bitdepth", bitdepth, 1, 8);
      Objects.requireNonNull(keep, "keep == null");
    }
  }

  /** {@code tiffsave}. */
  public record Tiff(int quality, Keep keep) {
    public Tiff {
      checkQuality(quality);
      Objects.requireNonNull(keep, "keep == null");
    }
  }

  /**
   * {@code jxlsave}: effort 1..9 (imgproxy's range). libvips before 8.15 declares 3..9; there,
   * efforts 1 and 2 are raised to 3, the fastest it offers (the declared range, read from the
   * linked libvips).
   */
  public record Jxl(int quality, int effort, Keep keep) {
    public Jxl {
      checkQuality(quality);
      checkRange("effort", effort, 1, 9);
      Objects.requireNonNull(keep, "keep == null");
    }
  }

  public static byte[] jpeg(VipsImage image, Jpeg o) {
    return keep(saver(image, "jpegsave_buffer"), o.keep())
        .set("Q", o.quality())
        .set("optimize-coding", o.optimizeCoding())
        .set("interlace", o.interlace())
        .outputBytes("buffer");
  }

  public static byte[] png(VipsImage image, Png o) {
    return keep(saver(image, "pngsave_buffer"), o.keep())
        .set("filter", o.filter())
        .set("interlace", o.interlace())
        .set("palette", o.palette())
        .set("bitdepth", o.bitdepth())
        .set("Q", o.quality())
        .outputBytes("buffer");
  }

  public static byte[] webp(VipsImage image, Webp o) {
    return keep(saver(image, "webpsave_buffer"), o.keep())
        .set("Q", o.quality())
        .set("effort", o.effort())
        .set("preset", o.preset())
        .outputBytes("buffer");
  }

  /**
   * {@code heifsave}. An image tagged {@code multiband} is tagged sRGB first (b-w below three
   * bands): heifsave always writes RGB(A), and libvips 8.14 encoded such an image so, but 8.16
   * refuses it ("heifsave: Unsupported interpretation: multiband").
   */
  public static byte[] heif(VipsImage image, Heif o) {
    VipsImage tagged = image.interpretation() != VipsInterpretation.MULTIBAND ? image
        : VipsPipelineOps.withInterpretation(image,
            image.bands() < 3 ? VipsInterpretation.B_W : VipsInterpretation.SRGB);
    return keep(saver(tagged, "heifsave_buffer"), o.keep())
        .set("Q", o.quality())
        .set("compression", o.compression())
        .set("effort", o.effort())
        .setIfPresent("bitdepth", o.bitdepth())
        .outputBytes("buffer");
  }

  public static byte[] gif(VipsImage image, Gif o) {
    return keep(saver(image, "gifsave_buffer"), o.keep())
        .set("bitdepth", o.bitdepth())
        .outputBytes("buffer");
  }

  public static byte[] tiff(VipsImage image, Tiff o) {
    return keep(saver(image, "tiffsave_buffer"), o.keep())
        .set("Q", o.quality())
        .outputBytes("buffer");
  }

  public static byte[] jxl(VipsImage image, Jxl o) {
    return keep(saver(image, "jxlsave_buffer"), o.keep())
        .set("Q", o.quality())
        .set("effort", (int) VipsOperation.range("jxlsave_buffer", "effort").clamp(o.effort()))
        .outputBytes("buffer");
  }

  /**
   * Evaluates the image and returns its pixels, interleaved, {@link VipsImage#format()} samples
   * per band, for imgrid's Java encoders.
   *
   * @throws IllegalStateException if the pixels would not fit a Java array
   */
  public static byte[] toPixels(VipsImage image) {
    long size =
        (long) image.width() * image.height() * image.bands() * image.format().bytesPerSample();
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("image of " + size + " bytes does not fit a Java array");
    }
    image.acquire();
    try (Memory length = new Memory(8)) {
      Pointer data = LibVips.vips_image_write_to_memory(image.pointer(), length);
      if (data == null) {
        throw VipsErrors.failure("vips_image_write_to_memory");
      }
      try {
        return data.getByteArray(0, (int) length.getLong(0));
      } finally {
        LibGLib.g_free(data);
      }
    } finally {
      image.release();
    }
  }

  private static VipsOperation saver(VipsImage image, String name) {
    return VipsOperation.call(image.scope(), name).input("in", image);
  }

  /** {@code keep} flags where the saver has them (8.15+), {@code strip} otherwise. */
  private static VipsOperation keep(VipsOperation op, Keep keep) {
    switch (keep) {
      case NONE -> op.setIfPresent("keep", "none").setIfPresent("strip", true);
      case ICC -> op.setIfPresent("keep", "icc");
      case ALL -> op.setIfPresent("keep", "all");
      default -> throw new IllegalArgumentException(String.valueOf(keep));
    }
    return op;
  }

  private static void checkQuality(int quality) {
    checkRange("quality", quality, 1, 100);
  }

  private static void checkRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ": " + value);
    }
  }
}
