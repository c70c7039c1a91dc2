package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import org.junit.jupiter.api.Test;

class CropToResultTest extends StepTestBase {
  @Test
  void cropsTheResizedImageByGravityWithDprOffsets() {
    var image = TestImages.place(TestImages.solid(scope, 100, 50, 0, 0, 255),
        TestImages.solid(scope, 10, 50, 255, 0, 0), 20, 0);
    ProcessingOptions o = ProcessingOptions.builder().resizingType(ResizingType.FILL)
        .width(50).height(50).gravity(new Gravity(GravityType.WEST, 10, 0)).dpr(2).build();
    PipelineContext ctx = Contexts.of(image, o, ImageFormat.PNG);
    new Scale().apply(ctx);
    new CropToResult().apply(ctx);
    // dpr is capped at 1 here (no enlarge): 50x50 from x=10
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(50, 50);
    assertThat(TestImages.near(TestImages.pixel(ctx.image(), 12, 25), 255, 0, 0, 0)).isTrue();
    assertThat(TestImages.near(TestImages.pixel(ctx.image(), 25, 25), 0, 0, 255, 0)).isTrue();
  }
}
