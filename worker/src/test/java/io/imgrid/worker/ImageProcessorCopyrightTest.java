package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.metadata.CopyrightMetadataTestData;
import io.imgrid.worker.metadata.Iptc;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsScope;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * keep_copyright end to end: a JPEG source with EXIF, IPTC (in APP13) and XMP, processed with
 * metadata stripping on, keeps exactly imgproxy's copyright fields in each output format that can
 * carry them.
 */
class ImageProcessorCopyrightTest {
  private static ImageProcessor processor;
  private static byte[] source;

  @BeforeAll
  static void setUp() {
    processor = Jobs.processor(Map.of());
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsOps.copy(TestImages.solid(scope, 40, 30, 10, 20, 30));
      image.setString("exif-ifd0-Copyright", "(c) ACME");
      image.setString("exif-ifd0-Make", "Camera");
      image.setBlob("xmp-data", CopyrightMetadataTestData.XMP.getBytes(StandardCharsets.UTF_8));
      image.setBlob("iptc-data", Iptc.photoshop(CopyrightMetadataTestData.iim()));
      source = TestImages.jpeg(image);
    } finally {
      Vips.threadShutdown();
    }
  }

  private static VipsImage loadOutput(VipsScope scope, ProcessedImage out) {
    return TestImages.load(scope, out.format(), out.bytes(), false);
  }

  @ParameterizedTest
  @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "WEBP"})
  void keepsOnlyTheCopyrightFields(ImageFormat format) {
    ProcessedImage out = Jobs.run(processor, source,
        ProcessingOptions.builder().format(format).build());
    try (VipsScope scope = new VipsScope()) {
      VipsImage result = loadOutput(scope, out);
      String xmp = new String(result.blobField("xmp-data").orElseThrow(), StandardCharsets.UTF_8);
      assertThat(xmp).contains("(c) ACME", "Jane Doe", "ACME Press")
          .doesNotContain("Secret title", "Camera", "Model X");
      if (format == ImageFormat.JPEG) {
        assertThat(Iptc.datasets(result.blobField("iptc-data").orElseThrow()))
            .containsExactly("2:80=Jane Doe", "2:110=ACME Credit", "2:116=(c) ACME");
        assertThat(result.stringField("exif-ifd0-Copyright").orElse("")).startsWith("(c) ACME");
        assertThat(result.hasField("exif-ifd0-Make")).isFalse();
      }
    } finally {
      Vips.threadShutdown();
    }
  }

  @ParameterizedTest
  @EnumSource(value = ImageFormat.class, names = {"JPEG", "PNG", "WEBP"})
  void withoutKeepCopyrightNothingSurvives(ImageFormat format) {
    ProcessedImage out = Jobs.run(processor, source,
        ProcessingOptions.builder().format(format).keepCopyright(false).build());
    try (VipsScope scope = new VipsScope()) {
      VipsImage result = loadOutput(scope, out);
      assertThat(result.blobField("xmp-data").map(b -> new String(b, StandardCharsets.UTF_8))).as("xmp").isEmpty();
      assertThat(result.hasField("iptc-data")).isFalse();
      assertThat(result.hasField("exif-ifd0-Copyright")).isFalse();
    } finally {
      Vips.threadShutdown();
    }
  }
}
