package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.vips.VipsImage;
import org.junit.jupiter.api.Test;

class CropTest extends StepTestBase {
  private VipsImage leftRed() {
    return TestImages.place(TestImages.solid(scope, 100, 50, 0, 0, 255),
        TestImages.solid(scope, 50, 50, 255, 0, 0), 0, 0);
  }

  @Test
  void cropsWithGravityAndShrinksWithTheLoad() {
    ProcessingOptions o = ProcessingOptions.builder()
        .crop(new io.imgrid.shared.options.Crop(40, 0.5, new Gravity(GravityType.EAST, 0, 0)))
        .build();
    PipelineContext ctx = Contexts.of(leftRed(), o, ImageFormat.PNG);
    new Crop().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(40, 25);
    assertThat(TestImages.near(TestImages.pixel(ctx.image(), 20, 10), 0, 0, 255, 0)).isTrue();

    PipelineContext shrunk = Contexts.of(leftRed(), o, ImageFormat.PNG);
    shrunk.loadShrink(2, 2);
    new Crop().apply(shrunk);
    assertThat(shrunk.image().width()).isEqualTo(20);
  }

  @Test
  void noCropLeavesTheImage() {
    VipsImage image = leftRed();
    PipelineContext ctx = Contexts.of(image, ProcessingOptions.DEFAULT, ImageFormat.PNG);
    new Crop().apply(ctx);
    assertThat(ctx.image()).isSameAs(image);
  }
}
