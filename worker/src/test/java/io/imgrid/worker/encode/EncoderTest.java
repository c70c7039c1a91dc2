package io.imgrid.worker.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.EncoderConfig;
import io.imgrid.shared.format.FormatConfig;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.guard.HeaderGuard;
import io.imgrid.worker.guard.SourceInfo;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import io.imgrid.worker.SourceLoader;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Round trips for every format this worker saves, the max_bytes loop and the AVIF fallback. */
class EncoderTest {
  private static final Encoder ENCODER = new Encoder(EncoderConfig.DEFAULT, FormatConfig.DEFAULT);

  @BeforeAll
  static void init() {
    TestImages.init();
  }

  private static VipsImage noisy(VipsScope scope, int w, int h) {
    VipsImage noise = VipsOps.gaussnoise(scope, w, h, 128, 60);
    VipsImage rgb = io.imgrid.worker.vips.VipsOperation.call(scope, "bandjoin")
        .input("in", new VipsImage[] {noise, noise, noise}).outputImage("out");
    return io.imgrid.worker.vips.VipsPipelineOps.withInterpretation(
        VipsOps.cast(rgb, io.imgrid.worker.vips.VipsBandFormat.UCHAR),
        io.imgrid.worker.vips.VipsInterpretation.SRGB);
  }

  @Test
  void everySavableFormatRoundTrips() {
    Set<ImageFormat> formats = EnumSet.of(ImageFormat.BMP, ImageFormat.ICO);
    formats.addAll(Vips.capabilities().savable());
    assertThat(formats).contains(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP,
        ImageFormat.GIF, ImageFormat.TIFF);
    for (ImageFormat format : formats) {
      for (boolean alpha : new boolean[] {false, true}) {
        try (VipsScope scope = new VipsScope()) {
          VipsImage image = TestImages.solid(scope, 48, 32, 200, 100, 50);
          if (alpha) {
            image = VipsOps.bandjoinConst(image, new double[] {128});
          }
          EncodedImage out = ENCODER.encode(image, format, ProcessingOptions.DEFAULT,
              VipsSave.Keep.NONE);
          assertThat(out.format()).as(format.name()).isEqualTo(format);
          SourceInfo info = HeaderGuard.inspect(out.bytes());
          assertThat(info.format()).as(format.name()).isEqualTo(format);
          VipsImage back = SourceLoader.loadStill(scope, out.bytes(), info);
          assertThat(new int[] {back.width(), back.height()}).as(format.name())
              .containsExactly(48, 32);
          if (format != ImageFormat.GIF) { // libvips' gifload always answers RGBA
            assertThat(back.hasAlpha()).as(format + " alpha " + alpha)
                .isEqualTo(alpha && format.supportsAlpha());
          }
          int[] px = TestImages.pixel(back, 24, 16);
          if (!alpha) {
            assertThat(TestImages.near(px, 200, 100, 50, 12)).as(format.name()).isTrue();
          }
        }
      }
    }
  }

  @Test
  void maxBytesLowersTheQualityUntilItFits() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = noisy(scope, 200, 200);
      EncodedImage full = ENCODER.encode(image, ImageFormat.JPEG, ProcessingOptions.DEFAULT,
          VipsSave.Keep.NONE);
      int target = full.bytes().length / 3;
      EncodedImage fitted = ENCODER.encode(image, ImageFormat.JPEG,
          ProcessingOptions.builder().maxBytes(target).build(), VipsSave.Keep.NONE);
      assertThat(fitted.bytes().length).isLessThanOrEqualTo(target);
      // PNG has no quality: max_bytes does nothing
      EncodedImage png = ENCODER.encode(image, ImageFormat.PNG,
          ProcessingOptions.builder().maxBytes(100).build(), VipsSave.Keep.NONE);
      assertThat(png.bytes().length).isGreaterThan(100);
    }
  }

  @Test
  void qualityComesFromTheOptions() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = noisy(scope, 100, 100);
      int q90 = ENCODER.encode(image, ImageFormat.JPEG,
          ProcessingOptions.builder().quality(90).build(), VipsSave.Keep.NONE).bytes().length;
      int q20 = ENCODER.encode(image, ImageFormat.JPEG,
          ProcessingOptions.builder().quality(20).build(), VipsSave.Keep.NONE).bytes().length;
      assertThat(q20).isLessThan(q90);
    }
  }

  @Test
  void tinyAvifFallsBackToPngWithAlphaAndJpegWithout() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage opaque = TestImages.solid(scope, 10, 40, 1, 2, 3);
      assertThat(ENCODER.encode(opaque, ImageFormat.AVIF, ProcessingOptions.DEFAULT,
          VipsSave.Keep.NONE).format()).isEqualTo(ImageFormat.JPEG);
      VipsImage alpha = VipsOps.bandjoinConst(opaque, new double[] {10});
      assertThat(ENCODER.encode(alpha, ImageFormat.AVIF, ProcessingOptions.DEFAULT,
          VipsSave.Keep.NONE).format()).isEqualTo(ImageFormat.PNG);
    }
  }

  @Test
  void quantizedPngIsAPalettePng() {
    Encoder quantizing = new Encoder(
        new EncoderConfig(false, false, true, 16, 4, "default", 8, 4), FormatConfig.DEFAULT);
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = noisy(scope, 64, 64);
      EncodedImage out = quantizing.encode(image, ImageFormat.PNG, ProcessingOptions.DEFAULT,
          VipsSave.Keep.NONE);
      VipsImage back = TestImages.load(scope, ImageFormat.PNG, out.bytes(), false);
      assertThat(back.intField("palette-bit-depth").orElse(0)).isEqualTo(4);
    }
    assertThat(Encoder.bitDepthForColours(2)).isEqualTo(1);
    assertThat(Encoder.bitDepthForColours(4)).isEqualTo(2);
    assertThat(Encoder.bitDepthForColours(16)).isEqualTo(4);
    assertThat(Encoder.bitDepthForColours(17)).isEqualTo(8);
  }
}
