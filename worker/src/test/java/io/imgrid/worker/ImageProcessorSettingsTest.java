package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.vips.LoadOptions;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsHeifCompression;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsLoad;
import io.imgrid.worker.vips.VipsOperation;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPipelineOps;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code IMGPROXY_USE_LINEAR_COLORSPACE}, {@code IMGPROXY_DISABLE_SHRINK_ON_LOAD} and {@code
 * enforce_thumbnail} on real libvips.
 */
class ImageProcessorSettingsTest {
  private static byte[] stripes;
  private static byte[] photo;
  private static byte[] avif;

  @BeforeAll
  static void setUp() {
    TestImages.init();
    try (VipsScope scope = new VipsScope()) {
      // one-pixel black/white columns: averaging them is where gamma matters most
      VipsImage x = VipsOps.extractBand(VipsOperation.call(scope, "xyz")
          .set("width", 64).set("height", 64).outputImage("out"), 0, 1);
      VipsImage bw = VipsOps.linear(VipsOperation.call(scope, "remainder_const")
          .input("in", x).set("c", new double[] {2}).outputImage("out"),
          new double[] {255}, new double[] {0});
      VipsImage grey = VipsOps.cast(bw, VipsBandFormat.UCHAR);
      VipsImage rgb = VipsOperation.call(scope, "bandjoin")
          .input("in", new VipsImage[] {grey, grey, grey}).outputImage("out");
      stripes = TestImages.png(
          VipsPipelineOps.withInterpretation(rgb, VipsInterpretation.SRGB));

      VipsImage noise = VipsOps.cast(VipsOps.gaussnoise(scope, 800, 600, 128, 60),
          VipsBandFormat.UCHAR);
      VipsImage colour = VipsPipelineOps.withInterpretation(VipsOperation.call(scope, "bandjoin")
          .input("in", new VipsImage[] {noise, noise, noise}).outputImage("out"),
          VipsInterpretation.SRGB);
      photo = TestImages.jpeg(colour);
      avif = VipsSave.heif(TestImages.solid(scope, 64, 48, 200, 30, 30),
          new VipsSave.Heif(60, VipsHeifCompression.AV1, 0, 8, VipsSave.Keep.NONE));
    } finally {
      Vips.threadShutdown();
    }
  }

  private static int centreGrey(byte[] png) {
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsLoad.buffer(scope, ImageFormat.PNG, png, LoadOptions.DEFAULT);
      return TestImages.pixel(image, image.width() / 2, image.height() / 2)[0];
    } finally {
      Vips.threadShutdown();
    }
  }

  @Test
  void linearColourspaceResizesInLinearLightWithTheSameSize() {
    ProcessingOptions half = ProcessingOptions.builder().width(32).format(ImageFormat.PNG).build();
    ProcessedImage gamma = Jobs.run(Jobs.processor(Map.of()), stripes, half);
    ProcessedImage linear = Jobs.run(
        Jobs.processor(Map.of("IMGPROXY_USE_LINEAR_COLORSPACE", "true")), stripes, half);

    assertThat(linear.width()).isEqualTo(gamma.width()).isEqualTo(32);
    assertThat(linear.height()).isEqualTo(gamma.height()).isEqualTo(32);
    // half black, half white: 50% of the sRGB numbers is 128; 50% of the light is sRGB 188
    assertThat(centreGrey(gamma.bytes())).isBetween(118, 138);
    assertThat(centreGrey(linear.bytes())).isBetween(178, 198);
  }

  @Test
  void disablingShrinkOnLoadDecodesAtFullSizeForTheSameResultSize() {
    ProcessingOptions small =
        ProcessingOptions.builder().width(100).format(ImageFormat.PNG).build();
    ProcessedImage shrunk = Jobs.run(Jobs.processor(Map.of()), photo, small);
    ProcessedImage full = Jobs.run(
        Jobs.processor(Map.of("IMGPROXY_DISABLE_SHRINK_ON_LOAD", "true")), photo, small);

    assertThat(full.width()).isEqualTo(shrunk.width()).isEqualTo(100);
    assertThat(full.height()).isEqualTo(shrunk.height()).isEqualTo(75);
    // the JPEG decoder's 4x shrink and lanczos from full size give different pixels
    assertThat(full.bytes()).isNotEqualTo(shrunk.bytes());
  }

  @Test
  void shrinkOnLoadSettingIsReadAndDefaultsToOn() {
    assertThat(ImageProcessorConfig.of(Map.of()).processing().disableShrinkOnLoad()).isFalse();
    assertThat(ImageProcessorConfig.of(Map.of()).processing().useLinearColorspace()).isFalse();
    assertThat(ImageProcessorConfig.of(Map.of("IMGPROXY_DISABLE_SHRINK_ON_LOAD", "1"))
        .processing().disableShrinkOnLoad()).isTrue();
  }

  /**
   * libvips 8.14's heifsave cannot write a thumbnail, so this source has none: heifload with
   * {@code thumbnail=true} then decodes the primary image. The test shows the option reaches
   * heifload (it is refused for other formats, and accepted here) and the job still works.
   */
  @Test
  void enforceThumbnailLoadsHeifWithTheThumbnailOption() {
    ProcessingOptions eth = ProcessingOptions.builder().enforceThumbnail(true).width(32)
        .format(ImageFormat.PNG).build();
    ProcessedImage out = Jobs.run(Jobs.processor(Map.of()), avif, eth);
    assertThat(out.width()).isEqualTo(32);
    assertThat(out.height()).isEqualTo(24);

    try (VipsScope scope = new VipsScope()) {
      VipsImage thumb = VipsLoad.buffer(scope, ImageFormat.AVIF, avif,
          LoadOptions.DEFAULT.withThumbnail(true));
      assertThat(thumb.width()).isEqualTo(64);
      assertThatThrownBy(() -> VipsLoad.buffer(scope, ImageFormat.JPEG, photo,
          LoadOptions.DEFAULT.withThumbnail(true)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thumbnail");
    } finally {
      Vips.threadShutdown();
    }
  }
}
