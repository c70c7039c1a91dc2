package io.imgrid.worker.job;

import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.LoadException;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.format.EncoderConfig;
import io.imgrid.shared.format.FormatConfig;
import io.imgrid.shared.format.FormatDecision;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.format.Quality;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.worker.guard.HeaderGuard;
import io.imgrid.worker.guard.SourceInfo;
import io.imgrid.worker.vips.LoadOptions;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsException;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsKernel;
import io.imgrid.worker.vips.VipsLoad;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPngFilter;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import io.imgrid.worker.vips.VipsWebpPreset;
import java.util.Objects;

/**
 * A deliberately small pipeline used until the worker's full {@code ImageProcessor} is wired in:
 * header guard, load, {@code fit}/{@code fill}/{@code force} resize with a centred crop, encode to
 * the decided format (JPEG, PNG, WebP, GIF or TIFF). It exists so the standalone node serves real
 * images end to end; it implements none of the other options.
 */
public final class InterimImageProcessing implements ImageProcessing {
  private final FormatConfig formats;
  private final EncoderConfig encoder;

  public InterimImageProcessing(FormatConfig formats, EncoderConfig encoder) {
    this.formats = Objects.requireNonNull(formats, "formats == null");
    this.encoder = Objects.requireNonNull(encoder, "encoder == null");
  }

  @Override
  public Processed process(
      byte[] source, ProcessingOptions options, AcceptBucket bucket, long deadlineMillis) {
    SourceInfo info = HeaderGuard.check(source, options.limits());
    FormatDecision decision =
        FormatDecision.decide(
            options, info.format(), false, false, bucket, formats, Vips.capabilities().savable());
    if (decision.outcome() != FormatDecision.Outcome.ENCODE) {
      return new Processed(
          source, info.format().mimeType(), info.width(), info.height(), info.width(),
          info.height());
    }
    if (!Vips.capabilities().canLoad(info.format())) {
      throw io.imgrid.shared.error.ImageException.unsupportedFormat(
          "cannot load " + info.format());
    }
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsLoad.buffer(scope, info.format(), source, LoadOptions.DEFAULT);
      int ow = in.width();
      int oh = in.height();
      checkDeadline(deadlineMillis, "load");
      VipsImage out = resize(in, options);
      checkDeadline(deadlineMillis, "resize");
      ImageFormat target = decision.format();
      byte[] bytes = save(out, target, Quality.resolve(options, target, formats));
      return new Processed(bytes, target.mimeType(), out.width(), out.height(), ow, oh);
    } catch (ImgridException e) {
      throw e;
    } catch (RuntimeException e) {
      throw VipsException.classify(e);
    }
  }

  private static VipsImage resize(VipsImage in, ProcessingOptions o) {
    int sw = in.width();
    int sh = in.height();
    int w = o.width();
    int h = o.height();
    if (w <= 0 && h <= 0) {
      return in;
    }
    double sx = w > 0 ? (double) w / sw : 0;
    double sy = h > 0 ? (double) h / sh : 0;
    ResizingType type = o.resizingType();
    double scaleX;
    double scaleY;
    if (type == ResizingType.FORCE && w > 0 && h > 0) {
      scaleX = sx;
      scaleY = sy;
    } else if (type == ResizingType.FILL && w > 0 && h > 0) {
      scaleX = scaleY = Math.max(sx, sy);
    } else if (w > 0 && h > 0) {
      scaleX = scaleY = Math.min(sx, sy);
    } else {
      scaleX = scaleY = Math.max(sx, sy);
    }
    if (!o.enlarge()) {
      scaleX = Math.min(scaleX, 1);
      scaleY = Math.min(scaleY, 1);
    }
    VipsImage out = in;
    if (scaleX != 1 || scaleY != 1) {
      out = VipsOps.resize(in, scaleX, scaleY, VipsKernel.LANCZOS3);
    }
    if (type == ResizingType.FILL && w > 0 && h > 0) {
      int cw = Math.min(w, out.width());
      int ch = Math.min(h, out.height());
      if (cw < out.width() || ch < out.height()) {
        out = VipsOps.extractArea(out, (out.width() - cw) / 2, (out.height() - ch) / 2, cw, ch);
      }
    }
    return out;
  }

  private byte[] save(VipsImage image, ImageFormat format, int quality) {
    VipsSave.Keep keep = VipsSave.Keep.NONE;
    switch (format) {
      case JPEG:
        return VipsSave.jpeg(
            image, new VipsSave.Jpeg(quality, true, encoder.jpegProgressive(), keep));
      case PNG:
        return VipsSave.png(
            image,
            new VipsSave.Png(VipsPngFilter.NONE, encoder.pngInterlaced(), false, 8, 100, keep));
      case WEBP:
        return VipsSave.webp(
            image, new VipsSave.Webp(quality, encoder.webpEffort(), VipsWebpPreset.DEFAULT, keep));
      case GIF:
        return VipsSave.gif(image, new VipsSave.Gif(8, keep));
      case TIFF:
        return VipsSave.tiff(image, new VipsSave.Tiff(quality, keep));
      default:
        throw io.imgrid.shared.error.ImageException.unsupportedFormat(
            "the interim pipeline cannot save " + format);
    }
  }

  private static void checkDeadline(long deadlineMillis, String after) {
    if (System.currentTimeMillis() >= deadlineMillis) {
      throw LoadException.timeout("processing timed out after " + after);
    }
  }
}
