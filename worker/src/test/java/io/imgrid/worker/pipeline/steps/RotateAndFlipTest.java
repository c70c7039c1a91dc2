package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import org.junit.jupiter.api.Test;

class RotateAndFlipTest extends StepTestBase {
  private VipsImage marked(int orientation) {
    VipsImage img = VipsOps.copy(TestImages.place(TestImages.solid(scope, 30, 20, 0, 0, 255),
        TestImages.solid(scope, 5, 5, 255, 0, 0), 0, 0));
    img.setInt("orientation", orientation);
    return img;
  }

  @Test
  void exifSixTurnsClockwiseAndResetsTheTag() {
    PipelineContext ctx = Contexts.of(marked(6), ProcessingOptions.DEFAULT, ImageFormat.PNG);
    new RotateAndFlip().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(20, 30);
    assertThat(TestImages.near(TestImages.pixel(ctx.image(), 18, 1), 255, 0, 0, 0)).isTrue();
    assertThat(ctx.image().orientation()).isEqualTo(1);
  }

  @Test
  void autoRotateOffKeepsPixelsButDropsTheTag() {
    PipelineContext ctx = Contexts.of(marked(6),
        ProcessingOptions.builder().autoRotate(false).flipVertical(true).build(),
        ImageFormat.PNG);
    new RotateAndFlip().apply(ctx);
    assertThat(ctx.image().width()).isEqualTo(30);
    assertThat(TestImages.near(TestImages.pixel(ctx.image(), 1, 18), 255, 0, 0, 0)).isTrue();
    assertThat(ctx.image().orientation()).isEqualTo(1);
  }
}
