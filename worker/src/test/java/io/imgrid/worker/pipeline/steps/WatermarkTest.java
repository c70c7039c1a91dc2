package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.WatermarkConfig;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.WatermarkPosition;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatermarkTest extends StepTestBase {
  private WatermarkConfig mark(double opacity) {
    return new WatermarkConfig(
        Optional.of(TestImages.png(TestImages.solid(scope, 4, 4, 0, 255, 0))), opacity);
  }

  @Test
  void marksEveryFrameOfAJoinedAnimation() {
    VipsImage strip = VipsOps.arrayjoin(new VipsImage[] {
        TestImages.solid(scope, 20, 10, 0, 0, 255), TestImages.solid(scope, 20, 10, 0, 0, 255)},
        1);
    ProcessingOptions o = ProcessingOptions.builder()
        .watermark(new io.imgrid.shared.options.Watermark(1, WatermarkPosition.NORTH_WEST, 0, 0,
            0)).build();
    PipelineContext ctx = Contexts.of(strip, o, ImageFormat.GIF, mark(1));
    ctx.frames(2);
    new Watermark().apply(ctx);
    assertThat(TestImages.pixel(ctx.image(), 1, 1)).containsExactly(0, 255, 0);
    assertThat(TestImages.pixel(ctx.image(), 1, 11)).containsExactly(0, 255, 0);
    assertThat(TestImages.pixel(ctx.image(), 1, 6)).containsExactly(0, 0, 255);
  }

  @Test
  void configOpacityMultipliesAndNoImageDoesNothing() {
    ProcessingOptions o = ProcessingOptions.builder()
        .watermark(new io.imgrid.shared.options.Watermark(1, WatermarkPosition.CENTER, 0, 0, 0))
        .build();
    PipelineContext ctx = Contexts.of(TestImages.solid(scope, 8, 8, 0, 0, 0), o, ImageFormat.PNG,
        mark(0.5));
    new Watermark().apply(ctx);
    assertThat(TestImages.pixel(ctx.image(), 4, 4)[1]).isBetween(120, 135);
    VipsImage image = TestImages.solid(scope, 8, 8, 0, 0, 0);
    PipelineContext none = Contexts.of(image, o, ImageFormat.PNG);
    new Watermark().apply(none);
    assertThat(none.image()).isSameAs(image);
  }
}
