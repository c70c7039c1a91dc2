package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import org.junit.jupiter.api.Test;

class PaddingTest extends StepTestBase {
  @Test
  void addsTransparentMargins() {
    ProcessingOptions o = ProcessingOptions.builder()
        .padding(new io.imgrid.shared.options.Padding(1, 2, 3, 4)).build();
    PipelineContext ctx = Contexts.of(TestImages.solid(scope, 10, 10, 9, 9, 9), o,
        ImageFormat.PNG);
    new Padding().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(16, 14);
    assertThat(TestImages.pixel(ctx.image(), 3, 5)[3]).isZero();
    assertThat(TestImages.pixel(ctx.image(), 4, 1)).containsExactly(9, 9, 9, 255);
  }
}
