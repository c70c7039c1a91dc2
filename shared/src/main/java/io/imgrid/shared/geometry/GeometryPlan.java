package io.imgrid.shared.geometry;

import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.Padding;
import java.util.Objects;

/**
 * Everything the worker's pipeline needs to size an image, computed once by
 * {@link Geometry#plan} and listed in pipeline order (contract §3.5). Sizes are in the
 * <em>oriented</em> frame (after the EXIF orientation and {@code rotate}) unless a method says
 * "source"; the pipeline crops and resizes the un-rotated image, so it uses the source variants.
 *
 * @param orientation the EXIF rotation/flip that will be applied (none when auto_rotate is off)
 * @param rotate the user's {@code rotate}, normalised to 0, 90, 180 or 270
 * @param flipHorizontal the user's horizontal {@code flip}
 * @param flipVertical the user's vertical {@code flip}
 * @param swapped whether width and height swap between the source and the oriented frame
 * @param source the oriented source size
 * @param crop the pre-resize crop from {@code CalcCropSize} in oriented pixels; 0 means none
 * @param cropGravity the crop's gravity (the main gravity when crop names none), oriented frame
 * @param toScale the size the resize factors apply to: the crop, else the source
 * @param wscale horizontal resize factor in the oriented frame (includes the mrd downscale)
 * @param hscale vertical resize factor in the oriented frame
 * @param dprScale the dpr actually used (capped without enlarge; scaled by mrd)
 * @param target {@code round(w × dprScale × zoom)}, the box of crop-to-result and extend
 * @param scaled the size right after the resize, as libvips produces it
 * @param resultCrop the crop-to-result box (the target, shrunk by the fill-down rule)
 * @param gravity the main gravity, used by crop-to-result with offsets × dprScale
 * @param extend whether {@code extend} pads to {@link #target}
 * @param extendGravity where the image sits inside the extend box
 * @param extendAspectRatio the extend-aspect-ratio box, {@link Size#ZERO} when it does nothing
 * @param extendAspectRatioGravity where the image sits inside that box
 * @param padding padding in output pixels ({@code ScaleToEven(p, dprScale)})
 * @param maxResultDownscale the factor max_result_dimension applied, 1 when it did nothing
 * @param result the final output size before any format-specific size fix
 */
public record GeometryPlan(
    Orientation orientation,
    int rotate,
    boolean flipHorizontal,
    boolean flipVertical,
    boolean swapped,
    Size source,
    Size crop,
    Gravity cropGravity,
    Size toScale,
    double wscale,
    double hscale,
    double dprScale,
    Size target,
    Size scaled,
    Size resultCrop,
    Gravity gravity,
    boolean extend,
    Gravity extendGravity,
    Size extendAspectRatio,
    Gravity extendAspectRatioGravity,
    Padding padding,
    double maxResultDownscale,
    Size result) {

  public GeometryPlan {
    Objects.requireNonNull(orientation, "orientation == null");
    Objects.requireNonNull(source, "source == null");
    Objects.requireNonNull(crop, "crop == null");
    Objects.requireNonNull(cropGravity, "cropGravity == null");
    Objects.requireNonNull(toScale, "toScale == null");
    Objects.requireNonNull(target, "target == null");
    Objects.requireNonNull(scaled, "scaled == null");
    Objects.requireNonNull(resultCrop, "resultCrop == null");
    Objects.requireNonNull(gravity, "gravity == null");
    Objects.requireNonNull(extendGravity, "extendGravity == null");
    Objects.requireNonNull(extendAspectRatio, "extendAspectRatio == null");
    Objects.requireNonNull(extendAspectRatioGravity, "extendAspectRatioGravity == null");
    Objects.requireNonNull(padding, "padding == null");
    Objects.requireNonNull(result, "result == null");
  }

  public int resultWidth() {
    return result.width();
  }

  public int resultHeight() {
    return result.height();
  }

  /** Whether the pre-resize crop does anything. */
  public boolean hasCrop() {
    return !crop.isZero();
  }

  /** Whether the resize step runs at all. */
  public boolean resizes() {
    return wscale != 1.0 || hscale != 1.0;
  }

  /** The crop box in the un-rotated source's pixels (w/h swapped back when {@link #swapped}). */
  public Size sourceCrop() {
    return swapped ? new Size(crop.height(), crop.width()) : crop;
  }

  /** The crop gravity remapped for cropping the un-rotated, un-flipped source. */
  public Gravity sourceCropGravity() {
    return GravityTransform.forSourceCrop(
        cropGravity, orientation, rotate, flipHorizontal, flipVertical);
  }

  /** The horizontal resize factor for the un-rotated image. */
  public double sourceWScale() {
    return swapped ? hscale : wscale;
  }

  /** The vertical resize factor for the un-rotated image. */
  public double sourceHScale() {
    return swapped ? wscale : hscale;
  }

  /**
   * The scale a loader may pre-shrink by (JPEG/WebP shrink-on-load, SVG scale): the larger of
   * the two factors, so neither axis is shrunk below its target.
   */
  public double shrinkOnLoadScale() {
    return Math.max(wscale, hscale);
  }

  /** libjpeg's shrink-on-load factor for {@link #shrinkOnLoadScale()}: 8, 4, 2 or 1. */
  public int jpegShrink() {
    double scale = shrinkOnLoadScale();
    int shrink = scale <= 0 ? 1 : (int) (1.0 / scale);
    if (shrink >= 8) {
      return 8;
    }
    if (shrink >= 4) {
      return 4;
    }
    if (shrink >= 2) {
      return 2;
    }
    return 1;
  }
}
