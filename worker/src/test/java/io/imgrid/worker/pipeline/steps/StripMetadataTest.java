package io.imgrid.worker.pipeline.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.pipeline.PipelineContext;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsSave;
import org.junit.jupiter.api.Test;

class StripMetadataTest extends StepTestBase {
  private VipsImage withExif() {
    VipsImage image = VipsOps.copy(TestImages.solid(scope, 8, 8, 1, 2, 3));
    image.setString("exif-ifd0-Copyright", "ACME");
    image.setString("exif-ifd0-Make", "Camera");
    image.setBlob("xmp-data", "<x/>".getBytes());
    // a save + load gives the fields libvips really produces from EXIF
    return TestImages.load(scope, ImageFormat.JPEG, TestImages.jpeg(image), false);
  }

  @Test
  void keepsOnlyCopyrightWhenAsked() {
    PipelineContext ctx = Contexts.of(withExif(), ProcessingOptions.DEFAULT, ImageFormat.JPEG);
    new StripMetadata().apply(ctx);
    assertThat(ctx.keep()).isEqualTo(VipsSave.Keep.ALL);
    VipsImage saved = TestImages.load(scope, ImageFormat.JPEG,
        VipsSave.jpeg(ctx.image(), new VipsSave.Jpeg(80, false, false, ctx.keep())), false);
    assertThat(saved.stringField("exif-ifd0-Copyright").orElse("")).startsWith("ACME");
    assertThat(saved.hasField("exif-ifd0-Make")).isFalse();
    assertThat(saved.hasField("xmp-data")).isFalse();
  }

  @Test
  void stripsEverythingWithoutCopyrightAndKeepsAllWhenOff() {
    PipelineContext ctx = Contexts.of(withExif(),
        ProcessingOptions.builder().keepCopyright(false).build(), ImageFormat.JPEG);
    new StripMetadata().apply(ctx);
    assertThat(ctx.keep()).isEqualTo(VipsSave.Keep.NONE);
    PipelineContext off = Contexts.of(withExif(),
        ProcessingOptions.builder().stripMetadata(false).build(), ImageFormat.JPEG);
    new StripMetadata().apply(off);
    assertThat(off.keep()).isEqualTo(VipsSave.Keep.ALL);
  }
}
