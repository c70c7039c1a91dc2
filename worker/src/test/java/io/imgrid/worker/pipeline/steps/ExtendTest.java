package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import org.junit.jupiter.api.Test;

class ExtendTest extends StepTestBase {
  @Test
  void padsToTheTargetTransparentByGravity() {
    ProcessingOptions o = ProcessingOptions.builder().width(60).height(40)
        .extend(new io.imgrid.shared.options.Extend(true, new Gravity(GravityType.WEST, 0, 0)))
        .build();
    PipelineContext ctx = Contexts.of(TestImages.solid(scope, 20, 20, 255, 0, 0), o,
        ImageFormat.PNG);
    new Extend().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(60, 40);
    assertThat(TestImages.pixel(ctx.image(), 5, 20)).containsExactly(255, 0, 0, 255);
    assertThat(TestImages.pixel(ctx.image(), 50, 20)[3]).isZero();
    assertThat(TestImages.pixel(ctx.image(), 5, 5)[3]).isZero();
  }

  @Test
  void offDoesNothing() {
    var image = TestImages.solid(scope, 20, 20, 255, 0, 0);
    PipelineContext ctx = Contexts.of(image, ProcessingOptions.builder().width(60).build(),
        ImageFormat.PNG);
    new Extend().apply(ctx);
    assertThat(ctx.image()).isSameAs(image);
  }
}
