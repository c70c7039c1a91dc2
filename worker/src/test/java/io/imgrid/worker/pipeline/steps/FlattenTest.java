package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import org.junit.jupiter.api.Test;

class FlattenTest extends StepTestBase {
  @Test
  void whiteForFormatsWithoutAlpha() {
    PipelineContext ctx = Contexts.of(TestImages.solidAlpha(scope, 4, 4, 0, 0, 0, 0),
        ProcessingOptions.DEFAULT, ImageFormat.JPEG);
    new Flatten().apply(ctx);
    assertThat(TestImages.pixel(ctx.image(), 1, 1)).containsExactly(255, 255, 255);
  }

  @Test
  void backgroundWhenSetAndAlphaKeptOtherwise() {
    PipelineContext bg = Contexts.of(TestImages.solidAlpha(scope, 4, 4, 0, 0, 0, 0),
        ProcessingOptions.builder().background(new Color(1, 2, 3)).build(), ImageFormat.PNG);
    new Flatten().apply(bg);
    assertThat(TestImages.pixel(bg.image(), 1, 1)).containsExactly(1, 2, 3);
    PipelineContext keep = Contexts.of(TestImages.solidAlpha(scope, 4, 4, 0, 0, 0, 0),
        ProcessingOptions.DEFAULT, ImageFormat.PNG);
    new Flatten().apply(keep);
    assertThat(keep.image().bands()).isEqualTo(4);
  }
}
