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

class ColorspaceToResultTest extends StepTestBase {
  @Test
  void dropsTheProfileUnlessKeptAndGoesToEightBit() {
    var image = VipsOps.copy(VipsOps.colourspace(TestImages.solid(scope, 4, 4, 9, 9, 9),
        VipsInterpretation.RGB16));
    image.setBlob("icc-profile-data", new byte[] {1, 2, 3});
    PipelineContext ctx = Contexts.of(image, ProcessingOptions.DEFAULT, ImageFormat.JPEG);
    new ColorspaceToResult().apply(ctx);
    assertThat(ctx.image().hasField("icc-profile-data")).isFalse();
    assertThat(ctx.image().format()).isEqualTo(VipsBandFormat.UCHAR);

    PipelineContext kept = Contexts.of(image,
        ProcessingOptions.builder().preserveHdr(true).build(), ImageFormat.PNG);
    kept.iccKept(true);
    new ColorspaceToResult().apply(kept);
    assertThat(kept.image().hasField("icc-profile-data")).isTrue();
    assertThat(kept.image().format()).isEqualTo(VipsBandFormat.USHORT);
  }
}
