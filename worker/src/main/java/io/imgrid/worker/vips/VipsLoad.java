package io.imgrid.worker.vips;

import com.sun.jna.Pointer;
import io.imgrid.shared.format.ImageFormat;
import java.util.Objects;

/**
 * Decoding: sources through libvips' buffer loaders, and raw pixels from imgrid's Java decoders.
 *
 * <p>The loader is chosen from the format the Java sniffer determined, never by libvips' own
 * content detection, so bytes never reach a decoder for another format. Decoding is lazy: the
 * header is read here, pixels when an operation or saver needs them, which is when most broken
 * files fail.
 */
public final class VipsLoad {
  private VipsLoad() {}

  /**
   * The range of {@code svgload}'s {@code scale} on the linked libvips (0.001–100000 on 8.14); a
   * value outside it is refused by the binding's range check, so source-driven scales must be
   * brought into it (or refused as a bad source) by the caller.
   */
  public static ArgumentRange svgScaleRange() {
    return VipsOperation.range("svgload_buffer", "scale");
  }

  /** The libvips loader for a format, e.g. {@code heifload_buffer} for AVIF and HEIC. */
  public static String loaderFor(ImageFormat format) {
    return switch (Objects.requireNonNull(format, "format == null")) {
      case JPEG -> "jpegload_buffer";
      case PNG -> "pngload_buffer";
      case WEBP -> "webpload_buffer";
      case GIF -> "gifload_buffer";
      case AVIF, HEIC -> "heifload_buffer";
      case TIFF -> "tiffload_buffer";
      case SVG -> "svgload_buffer";
      case JXL -> "jxlload_buffer";
      case BMP, ICO -> throw new IllegalArgumentException(
          format + " is decoded in Java, not by libvips: use VipsLoad.fromPixels");
    };
  }

  /** Copies {@code bytes} into the scope (see {@link VipsScope#blob}) and loads them. */
  public static VipsImage buffer(
      VipsScope scope, ImageFormat format, byte[] bytes, LoadOptions options) {
    return buffer(scope, format, scope.blob(bytes), options);
  }

  /**
   * Loads a source with the loader for {@code format}.
   *
   * @throws IllegalArgumentException for an option that does not apply to the format (e.g. shrink
   *     on a PNG), so a caller never believes a shrink happened that did not
   * @throws VipsException when libvips cannot read the header (a 422 for untrusted input)
   */
  public static VipsImage buffer(
      VipsScope scope, ImageFormat format, VipsBlob blob, LoadOptions options) {
    Objects.requireNonNull(options, "options == null");
    String loader = loaderFor(format);
    VipsOperation op =
        VipsOperation.call(scope, loader)
            .input("buffer", blob)
            .set("access", options.sequential() ? "sequential" : "random")
            .set("fail-on", options.failOn());
    if (options.shrink() != 1) {
      require(format == ImageFormat.JPEG, "shrink", format);
      op.set("shrink", options.shrink());
    }
    if (options.scale() != 1.0) {
      require(format == ImageFormat.WEBP || format == ImageFormat.SVG, "scale", format);
      op.set("scale", options.scale());
    }
    if (options.thumbnail()) {
      require(format == ImageFormat.HEIC || format == ImageFormat.AVIF, "thumbnail", format);
      op.set("thumbnail", true);
    }
    if (options.page() != 0 || options.pages() != 1) {
      require(isPaged(format), "page/pages", format);
      if (format == ImageFormat.JXL) {
        op.setIfPresent("page", options.page()).setIfPresent("n", options.pages());
      } else {
        op.set("page", options.page()).set("n", options.pages());
      }
    }
    return op.outputImage("out");
  }

  /**
   * An image from raw, interleaved pixels, as imgrid's Java BMP/ICO decoder produces them. The
   * pixels are copied, so the array may be reused at once. {@code interpretation} tells libvips how
   * to read the bands (e.g. {@link VipsInterpretation#SRGB} for RGB/RGBA, so a 4th band counts as
   * alpha; {@link VipsInterpretation#B_W} for grey).
   */
  public static VipsImage fromPixels(VipsScope scope, byte[] pixels, int width, int height,
      int bands, VipsBandFormat format, VipsInterpretation interpretation) {
    Objects.requireNonNull(interpretation, "interpretation == null");
    Objects.requireNonNull(scope, "scope == null");
    Objects.requireNonNull(pixels, "pixels == null");
    Objects.requireNonNull(format, "format == null");
    if (width < 1 || height < 1 || bands < 1) {
      throw new IllegalArgumentException(
          "bad geometry " + width + "x" + height + "x" + bands);
    }
    long expected = (long) width * height * bands * format.bytesPerSample();
    if (expected != pixels.length) {
      throw new IllegalArgumentException(
          "expected " + expected + " bytes for " + width + "x" + height + "x" + bands + " "
              + format.nick() + ", got " + pixels.length);
    }
    scope.checkOpen();
    Pointer image =
        LibVips.vips_image_new_from_memory_copy(
            pixels, pixels.length, width, height, bands, format.value());
    if (image == null) {
      throw VipsErrors.failure("vips_image_new_from_memory_copy");
    }
    VipsImage raw = scope.adoptImage(image);
    return VipsOperation.call(scope, "copy")
        .input("in", raw)
        .set("interpretation", interpretation)
        .outputImage("out");
  }

  private static boolean isPaged(ImageFormat format) {
    return format == ImageFormat.GIF
        || format == ImageFormat.WEBP
        || format == ImageFormat.AVIF
        || format == ImageFormat.HEIC
        || format == ImageFormat.TIFF
        || format == ImageFormat.JXL;
  }

  private static void require(boolean applies, String option, ImageFormat format) {
    if (!applies) {
      throw new IllegalArgumentException(option + " does not apply to " + format);
    }
  }
}
