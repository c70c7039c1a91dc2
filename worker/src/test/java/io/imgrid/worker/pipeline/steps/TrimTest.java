package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.vips.VipsImage;
import org.junit.jupiter.api.Test;

class TrimTest extends StepTestBase {
  private VipsImage bordered() {
    return TestImages.place(TestImages.solid(scope, 50, 40, 255, 255, 255),
        TestImages.solid(scope, 20, 10, 0, 0, 0), 5, 10);
  }

  @Test
  void trimsAndReplans() {
    ProcessingOptions o = ProcessingOptions.builder()
        .trim(new io.imgrid.shared.options.Trim(10, null, false, false)).width(10).build();
    PipelineContext ctx = Contexts.of(bordered(), o, ImageFormat.PNG);
    new Trim().apply(ctx);
    assertThat(new int[] {ctx.image().width(), ctx.image().height()}).containsExactly(20, 10);
    assertThat(ctx.plan().scaled().width()).isEqualTo(10);
  }

  @Test
  void transparentBordersAndAnimationsAndOff() {
    VipsImage alpha = TestImages.place(TestImages.solidAlpha(scope, 30, 30, 0, 0, 0, 0),
        TestImages.solidAlpha(scope, 10, 10, 9, 9, 9, 255), 10, 10);
    ProcessingOptions o = ProcessingOptions.builder()
        .trim(new io.imgrid.shared.options.Trim(10, null, false, false)).build();
    PipelineContext ctx = Contexts.of(alpha, o, ImageFormat.PNG);
    new Trim().apply(ctx);
    assertThat(ctx.image().width()).isEqualTo(10);

    PipelineContext anim = Contexts.of(bordered(), o, ImageFormat.PNG);
    anim.animation(true);
    new Trim().apply(anim);
    assertThat(anim.image().width()).isEqualTo(50);

    PipelineContext off = Contexts.of(bordered(), ProcessingOptions.DEFAULT, ImageFormat.PNG);
    new Trim().apply(off);
    assertThat(off.image().width()).isEqualTo(50);
  }
}
