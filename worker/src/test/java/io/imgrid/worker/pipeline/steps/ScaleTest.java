package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.vips.VipsBandFormat;
import org.junit.jupiter.api.Test;

class ScaleTest extends StepTestBase {
  @Test
  void resizesToThePlannedSizeKeepingAlphaAndFormat() {
    var image = TestImages.solidAlpha(scope, 200, 100, 255, 0, 0, 128);
    PipelineContext ctx = Contexts.of(image, ProcessingOptions.builder().width(33).build(),
        ImageFormat.PNG);
    new Scale().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(33, 17);
    assertThat(ctx.image().format()).isEqualTo(VipsBandFormat.UCHAR);
    int[] px = TestImages.pixel(ctx.image(), 16, 8);
    assertThat(px[0]).isBetween(250, 255);
    assertThat(px[3]).isBetween(125, 131);
  }

  @Test
  void aimsAtTheSizeAfterAShrinkOnLoad() {
    var loaded = TestImages.solid(scope, 50, 25, 1, 2, 3); // a 200x100 source loaded at 1/4
    PipelineContext ctx = new PipelineContext(scope, ProcessingOptions.builder().width(40)
        .build(), ImageFormat.PNG, io.imgrid.worker.pipeline.Deadline.none(),
        io.imgrid.shared.config.WatermarkConfig.NONE, false, 1, loaded,
        io.imgrid.shared.geometry.Geometry.plan(200, 100, 1,
            ProcessingOptions.builder().width(40).build(), false));
    ctx.loadShrink(4, 4);
    new Scale().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(40, 20);
  }
}
