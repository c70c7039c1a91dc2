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

  /** Just the header fields of HP's sRGB IEC61966-2.1 profile: enough to be recognised. */
  static byte[] srgbIec61966Header() {
    byte[] profile = new byte[128];
    System.arraycopy(new byte[] {2, 0x10, 0, 0}, 0, profile, 8, 4);
    System.arraycopy(new byte[] {0x07, (byte) 0xCE, 0, 2, 0, 9}, 0, profile, 24, 6);
    System.arraycopy("IEC sRGB".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, profile,
        48, 8);
    System.arraycopy("HP  ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, profile, 80,
        4);
    return profile;
  }

  @Test
  void standardSrgbProfileIsRecognisedByItsHeader() {
    byte[] profile = srgbIec61966Header();
    assertThat(SrgbProfile.isIec61966(profile)).isTrue();
    profile[52] = 'X';
    assertThat(SrgbProfile.isIec61966(profile)).isFalse();
    assertThat(SrgbProfile.isIec61966(new byte[64])).isFalse();
  }

  @Test
  void eightBitRgbTaggedStandardSrgbIsNotTransformed() {
    // The header alone is no usable profile: an icc_transform would fail on it, so passing
    // through untouched proves the transform was skipped.
    var tagged = VipsOps.copy(TestImages.solid(scope, 8, 8, 10, 200, 30));
    tagged.setBlob("icc-profile-data", srgbIec61966Header());
    PipelineContext ctx = Contexts.of(tagged, ProcessingOptions.DEFAULT, ImageFormat.JPEG);

    new ColorspaceToProcessing().apply(ctx);

    assertThat(TestImages.pixel(ctx.image(), 1, 1)).containsExactly(10, 200, 30);
    new ColorspaceToResult().apply(ctx);
    assertThat(ctx.image().hasField("icc-profile-data")).isFalse();
  }
}
