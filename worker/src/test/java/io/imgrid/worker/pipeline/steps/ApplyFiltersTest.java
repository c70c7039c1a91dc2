package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import org.junit.jupiter.api.Test;

class ApplyFiltersTest extends StepTestBase {
  private io.imgrid.worker.vips.VipsImage edge() {
    return TestImages.place(TestImages.solid(scope, 40, 40, 0, 0, 0),
        TestImages.solid(scope, 20, 40, 255, 255, 255), 0, 0);
  }

  @Test
  void blurSoftensAnEdge() {
    PipelineContext ctx = Contexts.of(edge(), ProcessingOptions.builder().blur(3).build(),
        ImageFormat.PNG);
    new ApplyFilters().apply(ctx);
    assertThat(TestImages.pixel(ctx.image(), 20, 20)[0]).isBetween(60, 200);
    assertThat(ctx.image().width()).isEqualTo(40);
  }

  @Test
  void pixelateMakesBlocksAndKeepsTheSize() {
    var image = TestImages.place(TestImages.solid(scope, 21, 21, 0, 0, 0),
        TestImages.solid(scope, 1, 1, 255, 255, 255), 0, 0);
    PipelineContext ctx = Contexts.of(image, ProcessingOptions.builder().pixelate(4).build(),
        ImageFormat.PNG);
    new ApplyFilters().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(21, 21);
    assertThat(TestImages.pixel(ctx.image(), 0, 0)[0])
        .isEqualTo(TestImages.pixel(ctx.image(), 3, 3)[0]).isBetween(10, 20);
  }

  @Test
  void sharpenKeepsFormatAndNothingChangesWhenOff() {
    PipelineContext ctx = Contexts.of(edge(), ProcessingOptions.builder().sharpen(1).build(),
        ImageFormat.PNG);
    new ApplyFilters().apply(ctx);
    assertThat(ctx.image().format()).isEqualTo(io.imgrid.worker.vips.VipsBandFormat.UCHAR);
    var image = edge();
    PipelineContext off = Contexts.of(image, ProcessingOptions.DEFAULT, ImageFormat.PNG);
    new ApplyFilters().apply(off);
    assertThat(off.image()).isSameAs(image);
  }
}
