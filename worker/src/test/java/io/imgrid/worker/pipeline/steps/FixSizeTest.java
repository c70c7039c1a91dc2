package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import org.junit.jupiter.api.Test;

class FixSizeTest extends StepTestBase {
  @Test
  void icoIsDownscaledTo256() {
    PipelineContext ctx = Contexts.of(TestImages.solid(scope, 600, 300, 1, 2, 3),
        ProcessingOptions.DEFAULT, ImageFormat.ICO);
    new FixSize().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(256, 128);
  }

  @Test
  void limitsPerFormat() {
    assertThat(FixSize.maxSide(ImageFormat.WEBP)).isEqualTo(16383);
    assertThat(FixSize.maxSide(ImageFormat.AVIF)).isEqualTo(16384);
    assertThat(FixSize.maxSide(ImageFormat.HEIC)).isEqualTo(16384);
    assertThat(FixSize.maxSide(ImageFormat.GIF)).isEqualTo(65535);
    assertThat(FixSize.maxSide(ImageFormat.JPEG)).isZero();
    var image = TestImages.solid(scope, 600, 300, 1, 2, 3);
    PipelineContext ctx = Contexts.of(image, ProcessingOptions.DEFAULT, ImageFormat.PNG);
    new FixSize().apply(ctx);
    assertThat(ctx.image()).isSameAs(image);
  }
}
