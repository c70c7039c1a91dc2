package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOps;
import org.junit.jupiter.api.Test;

class ColorspaceToProcessingTest extends StepTestBase {
  @Test
  void sixteenBitBecomesEightUnlessHdrIsPreserved() {
    var rgb16 = VipsOps.colourspace(TestImages.solid(scope, 8, 8, 255, 128, 0),
        VipsInterpretation.RGB16);
    assertThat(rgb16.format()).isEqualTo(VipsBandFormat.USHORT);
    PipelineContext ctx = Contexts.of(rgb16, ProcessingOptions.DEFAULT, ImageFormat.PNG);
    new ColorspaceToProcessing().apply(ctx);
    assertThat(ctx.image().format()).isEqualTo(VipsBandFormat.UCHAR);
    assertThat(TestImages.near(TestImages.pixel(ctx.image(), 1, 1), 255, 128, 0, 2)).isTrue();

    PipelineContext hdr = Contexts.of(rgb16,
        ProcessingOptions.builder().preserveHdr(true).build(), ImageFormat.PNG);
    new ColorspaceToProcessing().apply(hdr);
    assertThat(hdr.image().format()).isEqualTo(VipsBandFormat.USHORT);
  }

  @Test
  void greyAndCmykBecomeSrgb() {
    var grey = VipsOps.colourspace(TestImages.solid(scope, 8, 8, 100, 100, 100),
        VipsInterpretation.B_W);
    PipelineContext ctx = Contexts.of(grey, ProcessingOptions.DEFAULT, ImageFormat.PNG);
    new ColorspaceToProcessing().apply(ctx);
    assertThat(ctx.image().interpretation()).isEqualTo(VipsInterpretation.SRGB);
    assertThat(ctx.image().bands()).isEqualTo(3);
  }
}
