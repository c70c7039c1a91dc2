package io.imgrid.worker.pipeline.steps;

import io.imgrid.shared.config.WatermarkConfig;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.geometry.Geometry;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.vips.VipsImage;

/** Builds a step's context the way ImageProcessor does, for one image. */
final class Contexts {
  private Contexts() {}

  static PipelineContext of(VipsImage image, ProcessingOptions o, ImageFormat target) {
    return of(image, o, target, WatermarkConfig.NONE);
  }

  static PipelineContext of(VipsImage image, ProcessingOptions o, ImageFormat target,
      WatermarkConfig watermark) {
    return new PipelineContext(image.scope(), o, target, Deadline.none(), watermark, false,
        image.orientation(), image,
        Geometry.plan(image.width(), image.height(), image.orientation(), o, false));
  }
}
