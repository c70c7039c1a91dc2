package io.imgrid.shared.format;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.options.ProcessingOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the worker answers with, decided once the source is sniffed (contract §4.1): encode to a
 * raster format, return the (sanitized) source SVG, or return the source bytes untouched.
 *
 * @param outcome what to do
 * @param format the format of the answer: the format to encode to, {@link ImageFormat#SVG}, or
 *     the source format for a passthrough
 */
public record FormatDecision(Outcome outcome, ImageFormat format) {

  /** The three ways a job can end successfully. */
  public enum Outcome {
    /** Run the pipeline and save as {@link #format()}. */
    ENCODE,
    /** Return the source SVG, sanitized when {@code IMGPROXY_SANITIZE_SVG} is on. */
    SOURCE_SVG,
    /** {@code skip_processing}: return the source bytes as they are. */
    PASSTHROUGH
  }

  public FormatDecision {
    Objects.requireNonNull(outcome, "outcome == null");
    Objects.requireNonNull(format, "format == null");
  }

  /**
   * Decides the output format.
   *
   * <p>A negotiated format this worker can't save is skipped, as if its AUTO/ENFORCE flag were
   * off here, rather than failing the request.
   *
   * @param o the request; {@code o.format()} null means no extension/format was given
   * @param source the sniffed source format
   * @param sourceHasAlpha whether the source has an alpha channel
   * @param animated the source is animated <em>and</em> max_animation_frames > 1
   * @param bucket the client's Accept bucket (already masked by the settings)
   * @param savable the formats this worker can save
   * @throws ImageException UNSUPPORTED_FORMAT for SVG from a raster source, or a format this
   *     worker can't save
   */
  public static FormatDecision decide(
      ProcessingOptions o,
      ImageFormat source,
      boolean sourceHasAlpha,
      boolean animated,
      AcceptBucket bucket,
      FormatConfig cfg,
      Set<ImageFormat> savable) {
    Objects.requireNonNull(source, "source == null");
    ImageFormat requested = o.format();

    if (requested == ImageFormat.SVG && source != ImageFormat.SVG) {
      throw ImageException.unsupportedFormat("SVG output from a " + source.urlName() + " source");
    }
    if (source == ImageFormat.SVG
        && (requested == ImageFormat.SVG || (requested == null && !cfg.alwaysRasterizeSvg()))) {
      return new FormatDecision(Outcome.SOURCE_SVG, ImageFormat.SVG);
    }

    Set<ImageFormat> skip = EnumSet.noneOf(ImageFormat.class);
    skip.addAll(cfg.skipProcessingFormats());
    skip.addAll(o.skipProcessing());
    if (skip.contains(source) && (requested == null || requested == source)) {
      return new FormatDecision(Outcome.PASSTHROUGH, source);
    }

    boolean wantJxl = bucket.jxl() && (cfg.autoJxl() || cfg.enforceJxl());
    boolean wantAvif = bucket.avif() && (cfg.autoAvif() || cfg.enforceAvif());
    boolean wantWebp = bucket.webp() && (cfg.autoWebp() || cfg.enforceWebp());

    ImageFormat out;
    if (requested == null) {
      List<ImageFormat> preferred = cfg.preferredSavable(savable);
      if (wantJxl && !animated && savable.contains(ImageFormat.JXL)) {
        out = ImageFormat.JXL;
      } else if (wantAvif && !animated && savable.contains(ImageFormat.AVIF)) {
        out = ImageFormat.AVIF;
      } else if (wantWebp && savable.contains(ImageFormat.WEBP)) {
        out = ImageFormat.WEBP;
      } else if (preferred.contains(source)) {
        out = source;
      } else {
        boolean expectAlpha =
            o.background() == null
                && (sourceHasAlpha || !o.padding().isNone() || o.extend().enabled());
        out = bestPreferred(preferred, animated, expectAlpha);
      }
    } else if (wantJxl && cfg.enforceJxl() && !animated && savable.contains(ImageFormat.JXL)) {
      out = ImageFormat.JXL;
    } else if (wantAvif && cfg.enforceAvif() && !animated && savable.contains(ImageFormat.AVIF)) {
      out = ImageFormat.AVIF;
    } else if (wantWebp && cfg.enforceWebp() && savable.contains(ImageFormat.WEBP)) {
      out = ImageFormat.WEBP;
    } else {
      out = requested;
    }

    if (out == ImageFormat.SVG || !savable.contains(out)) {
      throw ImageException.unsupportedFormat("can't save " + out.urlName() + " here");
    }
    return new FormatDecision(Outcome.ENCODE, out);
  }

  /**
   * libavif can't encode below 16 px: such results are saved as PNG when they have alpha, else
   * JPEG (imgproxy logs and does the same). Any other format is returned unchanged.
   */
  public static ImageFormat avifFallback(
      ImageFormat format, int resultWidth, int resultHeight, boolean resultHasAlpha) {
    if (format == ImageFormat.AVIF && (resultWidth < 16 || resultHeight < 16)) {
      return resultHasAlpha ? ImageFormat.PNG : ImageFormat.JPEG;
    }
    return format;
  }

  /** The first preferred format that can carry the animation and alpha, else the first. */
  private static ImageFormat bestPreferred(
      List<ImageFormat> preferred, boolean animated, boolean expectAlpha) {
    if (preferred.isEmpty()) {
      throw ImageException.unsupportedFormat("no preferred format can be saved here");
    }
    for (ImageFormat f : preferred) {
      if (animated && !f.savesAnimation()) {
        continue;
      }
      if (expectAlpha && !f.supportsAlpha()) {
        continue;
      }
      return f;
    }
    return preferred.get(0);
  }
}
