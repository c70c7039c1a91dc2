package io.imgrid.worker.pipeline;

import io.imgrid.shared.config.WatermarkConfig;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.geometry.Geometry;
import io.imgrid.shared.geometry.GeometryPlan;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import java.util.Objects;

/**
 * The state one job's pipeline works on. The request-level fields are fixed when the job starts;
 * the working fields ({@link #image()}, {@link #plan()}, the load shrink, the metadata decision)
 * are replaced by the steps as they go. One context belongs to one thread.
 *
 * <p>Frames of an animation each get their own context from {@link #forFrame}, which shares the
 * request-level fields and copies the working ones, so a per-frame step never sees another
 * frame's image.
 */
public final class PipelineContext {
  /** Owns every image this job makes; closed by the caller after the encode. */
  private final VipsScope scope;
  /** The request, after presets and defaults. */
  private final ProcessingOptions options;
  /** The format the result is encoded to (FormatDecision); drives flatten and fix-size. */
  private final ImageFormat targetFormat;
  /** When the job must end; checked by {@link Pipeline} after every step. */
  private final Deadline deadline;
  /** The watermark image and base opacity ({@code IMGPROXY_WATERMARK_*}). */
  private final WatermarkConfig watermark;
  /** Whether the source is SVG: geometry lets vectors enlarge freely. */
  private final boolean vector;
  /** The EXIF orientation of the loaded image, 1..8. */
  private final int orientation;

  /** The current image: the whole image, one frame, or the joined frames. */
  private VipsImage image;
  /** The geometry, from {@link Geometry#plan} on the source size (re-planned after trim). */
  private GeometryPlan plan;
  /** Source pixels per loaded pixel, horizontally (&gt; 1 after shrink-on-load). */
  private double loadShrinkX = 1;
  /** Source pixels per loaded pixel, vertically. */
  private double loadShrinkY = 1;
  /** Frames in {@link #image()} (1 for stills and for one frame of an animation). */
  private int frames = 1;
  /** Whether the job processes an animation (set on the whole image and on each frame). */
  private boolean animation;
  /** Whether an embedded ICC profile was kept (strip_color_profile off) instead of converted. */
  private boolean iccKept;
  /** Whether the resize works in linear light ({@code IMGPROXY_USE_LINEAR_COLORSPACE}). */
  private boolean linearResize;
  /** Which metadata the saver writes, decided by the finalising steps. */
  private VipsSave.Keep keep = VipsSave.Keep.NONE;

  public PipelineContext(
      VipsScope scope,
      ProcessingOptions options,
      ImageFormat targetFormat,
      Deadline deadline,
      WatermarkConfig watermark,
      boolean vector,
      int orientation,
      VipsImage image,
      GeometryPlan plan) {
    this.scope = Objects.requireNonNull(scope, "scope == null");
    this.options = Objects.requireNonNull(options, "options == null");
    this.targetFormat = Objects.requireNonNull(targetFormat, "targetFormat == null");
    this.deadline = Objects.requireNonNull(deadline, "deadline == null");
    this.watermark = Objects.requireNonNull(watermark, "watermark == null");
    this.vector = vector;
    this.orientation = orientation;
    this.image = Objects.requireNonNull(image, "image == null");
    this.plan = Objects.requireNonNull(plan, "plan == null");
  }

  /** A context for one frame: same request, same plan and shrink, its own image. */
  public PipelineContext forFrame(VipsImage frame) {
    PipelineContext f =
        new PipelineContext(
            scope, options, targetFormat, deadline, watermark, vector, orientation, frame, plan);
    f.loadShrinkX = loadShrinkX;
    f.loadShrinkY = loadShrinkY;
    f.iccKept = iccKept;
    f.animation = animation;
    f.keep = keep;
    f.linearResize = linearResize;
    return f;
  }

  /**
   * Re-plans the geometry for a new source size (after trim), same orientation and options, and
   * checks the new plan with {@link ResultGuard} against the current image.
   */
  public void replan(int sourceWidth, int sourceHeight) {
    GeometryPlan next = Geometry.plan(sourceWidth, sourceHeight, orientation, options, vector);
    ResultGuard.check(next, options.limits(), (long) image.width() * image.height(), frames);
    this.plan = next;
    this.loadShrinkX = 1;
    this.loadShrinkY = 1;
  }

  public VipsScope scope() {
    return scope;
  }

  public ProcessingOptions options() {
    return options;
  }

  public ImageFormat targetFormat() {
    return targetFormat;
  }

  public Deadline deadline() {
    return deadline;
  }

  public WatermarkConfig watermark() {
    return watermark;
  }

  public boolean vector() {
    return vector;
  }

  public int orientation() {
    return orientation;
  }

  public VipsImage image() {
    return image;
  }

  public void image(VipsImage next) {
    this.image = Objects.requireNonNull(next, "image == null");
  }

  public GeometryPlan plan() {
    return plan;
  }

  public double loadShrinkX() {
    return loadShrinkX;
  }

  public double loadShrinkY() {
    return loadShrinkY;
  }

  /** Records the shrink a loader applied (source size / loaded size, per axis). */
  public void loadShrink(double x, double y) {
    this.loadShrinkX = x;
    this.loadShrinkY = y;
  }

  public int frames() {
    return frames;
  }

  public void frames(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("frames < 1: " + count);
    }
    this.frames = count;
  }

  /**
   * Whether this job processes an animation: true on the joined image and on each of its frames
   * (steps such as trim that imgproxy skips for animations check this).
   */
  public boolean animation() {
    return animation;
  }

  public void animation(boolean value) {
    this.animation = value;
  }

  /** The height of one frame of {@link #image()}. */
  public int frameHeight() {
    return image.height() / frames;
  }

  public boolean iccKept() {
    return iccKept;
  }

  public void iccKept(boolean kept) {
    this.iccKept = kept;
  }

  public boolean linearResize() {
    return linearResize;
  }

  public void linearResize(boolean value) {
    this.linearResize = value;
  }

  public VipsSave.Keep keep() {
    return keep;
  }

  public void keep(VipsSave.Keep value) {
    this.keep = Objects.requireNonNull(value, "keep == null");
  }
}
