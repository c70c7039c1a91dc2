package io.imgrid.worker.pipeline;

import io.imgrid.worker.pipeline.steps.ApplyFilters;
import io.imgrid.worker.pipeline.steps.ColorspaceToProcessing;
import io.imgrid.worker.pipeline.steps.ColorspaceToResult;
import io.imgrid.worker.pipeline.steps.Crop;
import io.imgrid.worker.pipeline.steps.CropToResult;
import io.imgrid.worker.pipeline.steps.Extend;
import io.imgrid.worker.pipeline.steps.ExtendAspectRatio;
import io.imgrid.worker.pipeline.steps.FixSize;
import io.imgrid.worker.pipeline.steps.Flatten;
import io.imgrid.worker.pipeline.steps.Padding;
import io.imgrid.worker.pipeline.steps.RotateAndFlip;
import io.imgrid.worker.pipeline.steps.Scale;
import io.imgrid.worker.pipeline.steps.StripMetadata;
import io.imgrid.worker.pipeline.steps.Trim;
import io.imgrid.worker.pipeline.steps.Watermark;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of {@link Step}s run on one image, with the deadline checked after each step.
 *
 * <p>For an animation ({@link PipelineContext#frames()} &gt; 1, frames stacked vertically as
 * libvips loads them), the per-frame steps run on each frame in turn, the frames are joined back
 * into a strip with {@code page-height} set and the source's {@code delay}/{@code loop} kept, and
 * the remaining steps (watermark, finalising) run once on the strip.
 */
public final class Pipeline {
  private final List<Step> steps;

  public Pipeline(List<Step> steps) {
    this.steps = List.copyOf(Objects.requireNonNull(steps, "steps == null"));
    boolean joined = false;
    for (Step step : this.steps) {
      if (!step.perFrame()) {
        joined = true;
      } else if (joined) {
        throw new IllegalArgumentException(
            "per-frame step " + step.name() + " after a step that runs on the joined frames");
      }
    }
  }

  /**
   * imgproxy's fixed order (contract §3.5; {@code processing/processing.go} {@code mainPipeline}),
   * the one place it is written down. The vector guard scale and scale-on-load (JPEG shrink, WebP
   * and SVG scale) happen when the source is loaded ({@code io.imgrid.worker.SourceLoader}), since
   * they choose how to decode; the rest follows here.
   */
  public static Pipeline imgproxy() {
    return new Pipeline(
        List.of(
            new Trim(),
            new ColorspaceToProcessing(),
            new Crop(),
            new Scale(),
            new RotateAndFlip(),
            new CropToResult(),
            new ApplyFilters(),
            new Extend(),
            new ExtendAspectRatio(),
            new Padding(),
            new FixSize(),
            new Flatten(),
            new Watermark(),
            new ColorspaceToResult(),
            new StripMetadata()));
  }

  public List<Step> steps() {
    return steps;
  }

  /** Runs every step on {@code ctx}, replacing its image. */
  public void run(PipelineContext ctx) {
    int frames = ctx.frames();
    int index = 0;
    if (frames > 1) {
      ctx.animation(true);
      index = runFrames(ctx, frames);
    }
    for (; index < steps.size(); index++) {
      Step step = steps.get(index);
      step.apply(ctx);
      ctx.deadline().check(step.name());
    }
  }

  /** Runs the per-frame steps on each frame and joins them; returns the next step's index. */
  private int runFrames(PipelineContext ctx, int frames) {
    int perFrame = 0;
    while (perFrame < steps.size() && steps.get(perFrame).perFrame()) {
      perFrame++;
    }
    VipsImage strip = ctx.image();
    int width = strip.width();
    int frameHeight = strip.height() / frames;
    List<VipsImage> done = new ArrayList<>(frames);
    for (int k = 0; k < frames; k++) {
      PipelineContext f =
          ctx.forFrame(VipsOps.extractArea(strip, 0, k * frameHeight, width, frameHeight));
      for (int s = 0; s < perFrame; s++) {
        Step step = steps.get(s);
        step.apply(f);
        ctx.deadline().check(step.name() + " (frame " + k + ")");
      }
      done.add(f.image());
      if (k == frames - 1) {
        ctx.iccKept(f.iccKept());
      }
    }
    VipsImage joined = VipsOps.copy(VipsOps.arrayjoin(done.toArray(new VipsImage[0]), 1));
    int outFrameHeight = done.get(0).height();
    joined.setInt("page-height", outFrameHeight);
    joined.setInt("n-pages", frames);
    int[] delays = strip.intArrayField("delay").orElse(null);
    if (delays == null || delays.length != frames) {
      delays = new int[frames];
      java.util.Arrays.fill(delays, 40); // imgproxy's default frame delay
    }
    joined.setIntArray("delay", delays);
    joined.setInt("loop", strip.intField("loop").orElse(0));
    ctx.image(joined);
    return perFrame;
  }
}
