package io.imgrid.worker.pipeline;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.shared.geometry.Size;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.SecurityLimits;

/**
 * Bounds the memory a job's options can make libvips use, before any pixel is computed. imgproxy
 * caps results only by the format's size limits and {@code max_result_dimension}, so {@code
 * rs:fill:60000:60000/el:1} or {@code dpr:8} with large sizes would make it allocate gigabytes;
 * imgrid answers 422 {@link io.imgrid.shared.error.ErrorKind#RESULT_TOO_LARGE} instead.
 *
 * <p>Checked against the plan: the size right after the resize (the largest intermediate image:
 * a fill crops it only afterwards) and the final result with extend, extend-aspect-ratio and
 * padding, both times the frames of an animation. The limit is the effective max_src_resolution
 * ({@link SecurityLimits#maxSrcResolution()}, or imgproxy's default 50 MP when it is 0), raised
 * to the loaded source's own pixel count, so a job is never refused for a result no larger than a
 * source that already passed the source checks. Each side is also kept within libvips' coordinate
 * limit ({@value #MAX_SIDE}), which its operations range-check.
 *
 * <p>The arithmetic is in {@code long}/{@code double}: the plan's sides saturate at {@code
 * Integer.MAX_VALUE} for absurd requests and its result sum could wrap.
 */
public final class ResultGuard {
  /** libvips' {@code VIPS_MAX_COORD}: the largest side {@code extract_area} and friends accept. */
  public static final int MAX_SIDE = 10_000_000;

  private ResultGuard() {}

  /**
   * @param plan the plan the pipeline will follow
   * @param limits the request's limits
   * @param sourcePixels pixels of the loaded source (all frames)
   * @param frames frames the pipeline processes (1 for a still)
   * @throws ImageException {@code RESULT_TOO_LARGE} when the plan is over the limit
   */
  public static void check(GeometryPlan plan, SecurityLimits limits, long sourcePixels,
      int frames) {
    double configured = limits.maxSrcResolution() > 0
        ? limits.maxSrcResolution() : SecurityLimits.DEFAULT.maxSrcResolution();
    double limit = Math.max(configured, (double) sourcePixels);

    Size scaled = plan.scaled();
    require("resized", scaled.width(), scaled.height(), frames, limit);

    long w = Math.max(1, minNonZero(plan.resultCrop().width(), scaled.width()));
    long h = Math.max(1, minNonZero(plan.resultCrop().height(), scaled.height()));
    if (plan.extend()) {
      w = Math.max(w, plan.target().width());
      h = Math.max(h, plan.target().height());
    }
    w = Math.max(w, plan.extendAspectRatio().width());
    h = Math.max(h, plan.extendAspectRatio().height());
    Padding p = plan.padding();
    w += (long) p.left() + p.right();
    h += (long) p.top() + p.bottom();
    require("result", w, h, frames, limit);
  }

  private static void require(String what, long w, long h, int frames, double limit) {
    double pixels = (double) w * h * frames;
    if (w > MAX_SIDE || h > MAX_SIDE || pixels > limit) {
      throw ImageException.resultTooLarge(String.format(
          "the %s image would be %dx%d%s (%.0f pixels), over the limit of %.0f pixels or %d per"
              + " side", what, w, h, frames > 1 ? " x " + frames + " frames" : "", pixels, limit,
          MAX_SIDE));
    }
  }

  private static long minNonZero(int a, int b) {
    if (a == 0) {
      return b;
    }
    return b == 0 ? a : Math.min(a, b);
  }
}
