package io.imgrid.worker.encode;

import io.imgrid.shared.format.EncoderConfig;
import io.imgrid.shared.format.FormatConfig;
import io.imgrid.shared.format.FormatDecision;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.format.MaxBytes;
import io.imgrid.shared.format.Quality;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.codec.BmpEncoder;
import io.imgrid.worker.codec.IcoEncoder;
import io.imgrid.worker.codec.Pixels;
import io.imgrid.worker.pipeline.steps.Flatten;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsHeifCompression;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPngFilter;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsWebpPreset;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Saves a processed image with imgproxy's encoder parameters (contract §8): the quality from
 * {@link Quality#resolve}, the {@code max_bytes} loop ({@link MaxBytes}) for formats with a
 * quality, and the AVIF-under-16-px fallback. BMP and ICO go through imgrid's Java encoders.
 * Immutable and thread-safe.
 */
public final class Encoder {
  private final EncoderConfig encoder;
  private final FormatConfig formats;

  public Encoder(EncoderConfig encoder, FormatConfig formats) {
    this.encoder = Objects.requireNonNull(encoder, "encoder == null");
    this.formats = Objects.requireNonNull(formats, "formats == null");
  }

  /**
   * Encodes {@code image} as {@code format} (or its AVIF fallback).
   *
   * @param keep which metadata to write (the pipeline's strip-metadata decision)
   */
  public EncodedImage encode(
      VipsImage image, ImageFormat format, ProcessingOptions options, VipsSave.Keep keep) {
    Objects.requireNonNull(image, "image == null");
    int width = image.width();
    int height = image.pageHeight();
    ImageFormat out = FormatDecision.avifFallback(format, width, height, image.hasAlpha());
    if (!out.supportsAlpha() && image.hasAlpha()) {
      image = Flatten.flatten(image, options.background() != null ? options.background()
          : Color.WHITE);
    }
    int quality = Quality.resolve(options, out, formats);
    byte[] bytes = save(image, out, quality, keep);
    if (MaxBytes.applies(options.maxBytes(), out)) {
      OptionalInt next = MaxBytes.nextQuality(quality, bytes.length, options.maxBytes());
      while (next.isPresent()) {
        quality = next.getAsInt();
        bytes = save(image, out, quality, keep);
        next = MaxBytes.nextQuality(quality, bytes.length, options.maxBytes());
      }
    }
    return new EncodedImage(out, bytes, width, height);
  }

  /** One save at one quality. */
  byte[] save(VipsImage image, ImageFormat format, int quality, VipsSave.Keep keep) {
    int q = Math.max(1, Math.min(100, quality));
    switch (format) {
      case JPEG:
        return VipsSave.jpeg(eightBit(image),
            new VipsSave.Jpeg(q, true, encoder.jpegProgressive(), keep));
      case PNG:
        return png(image, keep);
      case WEBP:
        return VipsSave.webp(eightBit(image), new VipsSave.Webp(q, encoder.webpEffort(),
            VipsWebpPreset.valueOf(encoder.webpPreset().toUpperCase(Locale.ROOT)), keep));
      case AVIF:
        return VipsSave.heif(eightBit(image), new VipsSave.Heif(q, VipsHeifCompression.AV1,
            encoder.avifEffort(), 8, keep));
      case HEIC:
        return VipsSave.heif(eightBit(image), new VipsSave.Heif(q, VipsHeifCompression.HEVC,
            4, 8, keep));
      case GIF:
        return VipsSave.gif(eightBit(image), new VipsSave.Gif(paletteDepth(image, 8), keep));
      case TIFF:
        return VipsSave.tiff(image, new VipsSave.Tiff(q, keep));
      case JXL:
        return VipsSave.jxl(eightBit(image), new VipsSave.Jxl(q, encoder.jxlEffort(), keep));
      case BMP:
        return BmpEncoder.encode(pixels(image));
      case ICO:
        return IcoEncoder.encode(pixels(image));
      default:
        throw new IllegalArgumentException("cannot encode " + format);
    }
  }

  /**
   * PNG: filter all and interlace from the settings; quantised to a palette when
   * {@code IMGPROXY_PNG_QUANTIZE} is on or the source was a palette PNG, with the bit depth from
   * the colour count (≤2 → 1, ≤4 → 2, ≤16 → 4, else 8) and no filter.
   */
  private byte[] png(VipsImage image, VipsSave.Keep keep) {
    boolean sourcePalette = image.hasField("palette-bit-depth");
    if (encoder.pngQuantize() || sourcePalette) {
      int depth = encoder.pngQuantize()
          ? bitDepthForColours(encoder.pngQuantizationColors())
          : paletteDepth(image, 8);
      return VipsSave.png(eightBit(image), new VipsSave.Png(VipsPngFilter.NONE,
          encoder.pngInterlaced(), true, depth, 100, keep));
    }
    int depth = image.format() == VipsBandFormat.USHORT ? 16 : 8;
    return VipsSave.png(image,
        new VipsSave.Png(VipsPngFilter.ALL, encoder.pngInterlaced(), false, depth, 100, keep));
  }

  /** Bit depth for a palette of {@code colours} entries. */
  public static int bitDepthForColours(int colours) {
    if (colours <= 2) {
      return 1;
    }
    if (colours <= 4) {
      return 2;
    }
    if (colours <= 16) {
      return 4;
    }
    return 8;
  }

  private static int paletteDepth(VipsImage image, int fallback) {
    int depth = image.intField("palette-bit-depth").orElse(fallback);
    if (depth == 1 || depth == 2 || depth == 4 || depth == 8) {
      return depth;
    }
    return fallback;
  }

  private static VipsImage eightBit(VipsImage image) {
    if (image.format() == VipsBandFormat.UCHAR) {
      return image;
    }
    return VipsOps.cast(VipsOps.colourspace(image, VipsInterpretation.SRGB), VipsBandFormat.UCHAR);
  }

  /** 8-bit RGB(A) pixels for the Java encoders. */
  private static Pixels pixels(VipsImage image) {
    VipsImage rgb = eightBit(image);
    if (rgb.bands() < 3) {
      rgb = VipsOps.colourspace(rgb, VipsInterpretation.SRGB);
    }
    if (rgb.bands() > 4) {
      rgb = VipsOps.extractBand(rgb, 0, 4);
    }
    return new Pixels(rgb.width(), rgb.height(), rgb.bands(), VipsSave.toPixels(rgb));
  }
}
