package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import org.junit.jupiter.api.Test;

class ExtendAspectRatioTest extends StepTestBase {
  @Test
  void padsToTheTargetAspectRatio() {
    ProcessingOptions o = ProcessingOptions.builder().width(300).height(300)
        .extendAspectRatio(new io.imgrid.shared.options.Extend(true, Gravity.CENTER)).build();
    PipelineContext ctx = Contexts.of(TestImages.solid(scope, 200, 100, 1, 2, 3), o,
        ImageFormat.PNG);
    new ExtendAspectRatio().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(200, 200);
    assertThat(TestImages.pixel(ctx.image(), 100, 10)[3]).isZero();
    assertThat(TestImages.pixel(ctx.image(), 100, 100)[3]).isEqualTo(255);
  }
}
