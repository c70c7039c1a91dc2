package io.imgrid.shared.geometry;

import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;

/**
 * imgproxy's size algorithm (contract §3.4; imgproxy {@code processing/prepare.go}) as one pure
 * function. The worker calls {@link #plan} once after the header sniff (and again after
 * {@code trim}, with the trimmed size) and then follows the plan step by step; the gateway can
 * call it too, to predict result sizes without touching pixels.
 */
public final class Geometry {
  private Geometry() {}

  /**
   * @param srcWidth the source width as stored (before any EXIF rotation)
   * @param srcHeight the source height as stored
   * @param exifOrientation the EXIF orientation tag, 1..8 (anything else is 1)
   * @param vectorSource whether the source is SVG: vectors scale up freely, even without enlarge
   */
  public static GeometryPlan plan(
      int srcWidth, int srcHeight, int exifOrientation, ProcessingOptions o, boolean vectorSource) {
    if (srcWidth <= 0 || srcHeight <= 0) {
      throw new IllegalArgumentException("source size must be positive: " + srcWidth + "x" + srcHeight);
    }
    Orientation orientation = Orientation.ofExif(exifOrientation, o.autoRotate());
    int rotate = Math.floorMod(o.rotate(), 360);
    boolean swapped = (orientation.angle() + rotate) % 180 != 0;
    Size source = swapped ? new Size(srcHeight, srcWidth) : new Size(srcWidth, srcHeight);

    Size crop =
        new Size(
            cropSize(source.width(), o.crop().width()),
            cropSize(source.height(), o.crop().height()));
    Gravity cropGravity = o.crop().gravity() != null ? o.crop().gravity() : o.gravity();
    Size toScale =
        new Size(
            IMath.minNonZero(crop.width(), source.width()),
            IMath.minNonZero(crop.height(), source.height()));

    Scales scales = Scales.calc(toScale, o, vectorSource);
    Sizes sizes = Sizes.calc(toScale, scales, o);

    double downscale = 1.0;
    int mrd = o.limits().maxResultDimension();
    if (mrd > 0) {
      Size out = outputBeforeFormatFix(sizes, scales.dprScale, o);
      if (out.width() > mrd || out.height() > mrd) {
        downscale = (double) mrd / Math.max(out.width(), out.height());
        double wscale = Math.max(scales.wscale * downscale, 1.0 / toScale.width());
        double hscale = Math.max(scales.hscale * downscale, 1.0 / toScale.height());
        scales = new Scales(wscale, hscale, scales.dprScale * downscale);
        sizes = Sizes.calc(toScale, scales, o);
      }
    }

    Padding padding = scaledPadding(o.padding(), scales.dprScale);
    Extend ear = o.extendAspectRatio();
    Size result = simulate(toScale, scales, sizes, o, padding);

    return new GeometryPlan(
        orientation,
        rotate,
        o.flipHorizontal(),
        o.flipVertical(),
        swapped,
        source,
        crop,
        cropGravity,
        toScale,
        scales.wscale,
        scales.hscale,
        scales.dprScale,
        sizes.target,
        sizes.scaled,
        sizes.resultCrop,
        o.gravity(),
        o.extend().enabled(),
        o.extend().gravity(),
        ear.enabled() ? sizes.extendAspectRatio : Size.ZERO,
        ear.gravity(),
        padding,
        downscale,
        result);
  }

  /** {@code CalcCropSize}: 0 is none, ≥ 1 is pixels (truncated), < 1 a fraction, at least 1. */
  public static int cropSize(int original, double crop) {
    if (crop == 0.0) {
      return 0;
    }
    if (crop >= 1.0) {
      return (int) crop;
    }
    return Math.max(1, IMath.scale(original, crop));
  }

  private static Padding scaledPadding(Padding p, double dprScale) {
    return new Padding(
        IMath.scaleToEven(p.top(), dprScale),
        IMath.scaleToEven(p.right(), dprScale),
        IMath.scaleToEven(p.bottom(), dprScale),
        IMath.scaleToEven(p.left(), dprScale));
  }

  /** imgproxy's {@code limitScale} estimate: what max_result_dimension is compared against. */
  private static Size outputBeforeFormatFix(Sizes s, double dprScale, ProcessingOptions o) {
    int w = IMath.minNonZero(s.scaled.width(), s.resultCrop.width());
    int h = IMath.minNonZero(s.scaled.height(), s.resultCrop.height());
    if (o.extend().enabled()) {
      w = Math.max(w, s.target.width());
      h = Math.max(h, s.target.height());
    } else if (o.extendAspectRatio().enabled()) {
      w = Math.max(w, s.extendAspectRatio.width());
      h = Math.max(h, s.extendAspectRatio.height());
    }
    Padding p = o.padding();
    w += IMath.scaleToEven(p.left(), dprScale) + IMath.scaleToEven(p.right(), dprScale);
    h += IMath.scaleToEven(p.top(), dprScale) + IMath.scaleToEven(p.bottom(), dprScale);
    return new Size(w, h);
  }

  /**
   * Runs each size-changing step's arithmetic the way libvips produces it: resize to
   * {@code round(size × scale)}, crop to the non-zero result box, embed for extend and
   * extend-aspect-ratio when the box is larger, then padding.
   */
  private static Size simulate(
      Size toScale, Scales scales, Sizes sizes, ProcessingOptions o, Padding padding) {
    int w = toScale.width();
    int h = toScale.height();
    if (scales.wscale != 1.0 || scales.hscale != 1.0) {
      w = Math.max(1, IMath.scale(w, scales.wscale));
      h = Math.max(1, IMath.scale(h, scales.hscale));
    }
    w = IMath.minNonZero(sizes.resultCrop.width(), w);
    h = IMath.minNonZero(sizes.resultCrop.height(), h);
    if (o.extend().enabled()) {
      Size e = embed(w, h, sizes.target);
      w = e.width();
      h = e.height();
    }
    if (o.extendAspectRatio().enabled()
        && sizes.extendAspectRatio.width() != 0
        && sizes.extendAspectRatio.height() != 0) {
      Size e = embed(w, h, sizes.extendAspectRatio);
      w = e.width();
      h = e.height();
    }
    w += padding.left() + padding.right();
    h += padding.top() + padding.bottom();
    return new Size(w, h);
  }

  /** imgproxy {@code extendImage}: only when the box is larger; a 0 side keeps the image's. */
  private static Size embed(int w, int h, Size box) {
    if (box.width() <= w && box.height() <= h) {
      return new Size(w, h);
    }
    return new Size(box.width() <= 0 ? w : box.width(), box.height() <= 0 ? h : box.height());
  }

  /** The resize factors and the effective dpr (imgproxy {@code calcScale}). */
  private record Scales(double wscale, double hscale, double dprScale) {

    static Scales calc(Size size, ProcessingOptions o, boolean vectorSource) {
      double srcW = size.width();
      double srcH = size.height();
      double dstW = o.width() != 0 ? o.width() : srcW;
      double dstH = o.height() != 0 ? o.height() : srcH;
      double wshrink = dstW == srcW ? 1 : srcW / dstW;
      double hshrink = dstH == srcH ? 1 : srcH / dstH;

      if (wshrink != 1 || hshrink != 1) {
        ResizingType rt = o.resizingType();
        if (rt == ResizingType.AUTO) {
          boolean srcLandscape = srcW - srcH >= 0;
          boolean dstLandscape = dstW - dstH >= 0;
          rt = srcLandscape == dstLandscape ? ResizingType.FILL : ResizingType.FIT;
        }
        if (o.width() == 0 && rt != ResizingType.FORCE) {
          wshrink = hshrink;
        } else if (o.height() == 0 && rt != ResizingType.FORCE) {
          hshrink = wshrink;
        } else if (rt == ResizingType.FIT) {
          wshrink = Math.max(wshrink, hshrink);
          hshrink = wshrink;
        } else if (rt == ResizingType.FILL || rt == ResizingType.FILL_DOWN) {
          wshrink = Math.min(wshrink, hshrink);
          hshrink = wshrink;
        }
      }

      wshrink /= o.zoomX();
      hshrink /= o.zoomY();

      double dprScale = o.dpr();
      if (!o.enlarge() && !vectorSource) {
        double minShrink = Math.min(wshrink, hshrink);
        if (minShrink < 1) {
          wshrink /= minShrink;
          hshrink /= minShrink;
          // The target can't be reached without enlarging; a dpr < 1 would move further away
          // from it, so compensate -- except with extend, whose composition must not depend on
          // the dpr.
          if (!o.extend().enabled()) {
            dprScale /= minShrink;
          }
        }
        // The smaller shrink is the largest dpr that still doesn't enlarge.
        dprScale = Math.min(dprScale, Math.min(wshrink, hshrink));
      }

      if (o.minWidth() > 0) {
        double minShrink = srcW / o.minWidth();
        if (minShrink < wshrink) {
          hshrink /= wshrink / minShrink;
          wshrink = minShrink;
        }
      }
      if (o.minHeight() > 0) {
        double minShrink = srcH / o.minHeight();
        if (minShrink < hshrink) {
          wshrink /= hshrink / minShrink;
          hshrink = minShrink;
        }
      }

      wshrink /= dprScale;
      hshrink /= dprScale;
      wshrink = Math.min(wshrink, srcW);
      hshrink = Math.min(hshrink, srcH);
      return new Scales(1.0 / wshrink, 1.0 / hshrink, dprScale);
    }
  }

  /** The boxes derived from the scales (imgproxy {@code calcSizes}). */
  private record Sizes(Size target, Size scaled, Size resultCrop, Size extendAspectRatio) {

    static Sizes calc(Size toScale, Scales s, ProcessingOptions o) {
      Size target =
          new Size(
              IMath.scale(o.width(), s.dprScale * o.zoomX()),
              IMath.scale(o.height(), s.dprScale * o.zoomY()));
      Size scaled =
          new Size(IMath.scale(toScale.width(), s.wscale), IMath.scale(toScale.height(), s.hscale));

      Size resultCrop = target;
      if (o.resizingType() == ResizingType.FILL_DOWN && !o.enlarge()) {
        double diffW = (double) target.width() / scaled.width();
        double diffH = (double) target.height() / scaled.height();
        if (diffW > diffH && diffW > 1.0) {
          resultCrop =
              new Size(
                  scaled.width(),
                  IMath.scale(scaled.width(), (double) target.height() / target.width()));
        } else if (diffH > diffW && diffH > 1.0) {
          resultCrop =
              new Size(
                  IMath.scale(scaled.height(), (double) target.width() / target.height()),
                  scaled.height());
        }
      }

      Size ear = Size.ZERO;
      if (o.extendAspectRatio().enabled() && target.width() > 0 && target.height() > 0) {
        int outW = IMath.minNonZero(scaled.width(), resultCrop.width());
        int outH = IMath.minNonZero(scaled.height(), resultCrop.height());
        double diffW = (double) target.width() / outW;
        double diffH = (double) target.height() / outH;
        if (diffH > diffW) {
          ear = new Size(outW, IMath.scale(outW, (double) target.height() / target.width()));
        } else if (diffW > diffH) {
          ear = new Size(IMath.scale(outH, (double) target.width() / target.height()), outH);
        }
      }
      return new Sizes(target, scaled, resultCrop, ear);
    }
  }
}
