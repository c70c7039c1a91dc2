package io.imgrid.worker.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.format.ImageFormat;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VipsSaveLoadTest {
  private static final VipsSave.Keep NONE = VipsSave.Keep.NONE;

  @BeforeAll
  static void init() {
    VipsTesting.init();
  }

  static byte[] save(ImageFormat format, VipsImage image) {
    return switch (format) {
      case JPEG -> VipsSave.jpeg(image, new VipsSave.Jpeg(80, true, true, NONE));
      case PNG -> VipsSave.png(image, new VipsSave.Png(VipsPngFilter.ALL, true, false, 8, 100, NONE));
      case WEBP -> VipsSave.webp(image, new VipsSave.Webp(79, 4, VipsWebpPreset.PHOTO, NONE));
      case GIF -> VipsSave.gif(image, new VipsSave.Gif(8, NONE));
      case AVIF -> VipsSave.heif(image, new VipsSave.Heif(63, VipsHeifCompression.AV1, 1, 8, NONE));
      case HEIC -> VipsSave.heif(image, new VipsSave.Heif(63, VipsHeifCompression.HEVC, 1, 8, NONE));
      case TIFF -> VipsSave.tiff(image, new VipsSave.Tiff(80, NONE));
      // effort 1: below 8.14's declared 3..9, so the round trip also checks the clamp
      case JXL -> VipsSave.jxl(image, new VipsSave.Jxl(77, 1, NONE));
      default -> throw new IllegalArgumentException(format.toString());
    };
  }

  @Test
  void everySavableFormatRoundTrips() {
    FormatSupport support = Vips.capabilities();
    assertThat(support.savable()).isNotEmpty();
    for (ImageFormat format : support.savable()) {
      try (VipsScope scope = new VipsScope()) {
        byte[] bytes = save(format, VipsTesting.rgb(scope, 64, 48));
        assertThat(bytes).as(format.toString()).hasSizeGreaterThan(8);
        VipsImage back = VipsLoad.buffer(scope, format, bytes, LoadOptions.DEFAULT);
        assertThat(back.width()).as(format.toString()).isEqualTo(64);
        assertThat(back.height()).as(format.toString()).isEqualTo(48);
        assertThat(VipsSave.toPixels(back).length).as(format.toString())
            .isEqualTo(64 * 48 * back.bands() * back.format().bytesPerSample());
      }
    }
  }

  /** libvips 8.16's heifsave refuses {@code multiband}; VipsSave tags such images first. */
  @Test
  void heifSavesImagesTaggedMultiband() {
    for (ImageFormat format : new ImageFormat[] {ImageFormat.AVIF, ImageFormat.HEIC}) {
      if (!Vips.capabilities().canSave(format)) {
        continue;
      }
      for (int bands : new int[] {2, 3, 4}) {
        try (VipsScope scope = new VipsScope()) {
          VipsImage multiband = VipsOps.cast(
              VipsOps.linear(VipsOps.black(scope, 16, 12, bands), new double[] {1},
                  new double[] {128}),
              VipsBandFormat.UCHAR);
          assertThat(multiband.interpretation()).isEqualTo(VipsInterpretation.MULTIBAND);
          VipsImage back = VipsLoad.buffer(scope, format, save(format, multiband),
              LoadOptions.DEFAULT);
          assertThat(back.width()).as(format + " " + bands).isEqualTo(16);
          assertThat(back.height()).as(format + " " + bands).isEqualTo(12);
          assertThat(back.hasAlpha()).as(format + " " + bands).isEqualTo(bands % 2 == 0);
        }
      }
    }
  }

  @Test
  void alphaSurvivesPngAndWebp() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage rgba = VipsOps.bandjoinConst(VipsTesting.rgb(scope, 20, 10), new double[] {128});
      for (ImageFormat format : new ImageFormat[] {ImageFormat.PNG, ImageFormat.WEBP}) {
        VipsImage back = VipsLoad.buffer(scope, format, save(format, rgba), LoadOptions.DEFAULT);
        assertThat(back.hasAlpha()).as(format.toString()).isTrue();
        assertThat(back.bands()).isEqualTo(4);
      }
    }
  }

  @Test
  void jpegShrinkOnLoadAndOptionsThatDoNotApplyAreRefused() {
    try (VipsScope scope = new VipsScope()) {
      byte[] jpeg = save(ImageFormat.JPEG, VipsTesting.rgb(scope, 200, 100));
      VipsImage shrunk = VipsLoad.buffer(scope, ImageFormat.JPEG, jpeg,
          LoadOptions.DEFAULT.withShrink(4).withSequential(true));
      assertThat(shrunk.width()).isEqualTo(50);
      byte[] png = save(ImageFormat.PNG, VipsTesting.rgb(scope, 8, 8));
      assertThatThrownBy(() -> VipsLoad.buffer(scope, ImageFormat.PNG, png,
              LoadOptions.DEFAULT.withShrink(2)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> VipsLoad.loaderFor(ImageFormat.BMP))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void svgLoadsWithScale() {
    byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
        + "<rect width=\"40\" height=\"20\" fill=\"red\"/></svg>").getBytes(StandardCharsets.UTF_8);
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsLoad.buffer(scope, ImageFormat.SVG, svg,
          LoadOptions.DEFAULT.withScale(2));
      assertThat(image.width()).isEqualTo(80);
      assertThat(image.hasAlpha()).isTrue();
    }
  }

  @Test
  void animatedGifKeepsPagesAndDelays() {
    try (VipsScope scope = new VipsScope()) {
      // three different frames: libvips 8.15+ merges identical neighbours (summing their delays)
      VipsImage strip = VipsOps.copy(VipsOps.arrayjoin(new VipsImage[] {
          VipsTesting.rgb(scope, 16, 16), VipsTesting.rgb(scope, 16, 16),
          VipsTesting.rgb(scope, 16, 16)}, 1));
      strip.setInt("page-height", 16);
      strip.setIntArray("delay", new int[] {40, 80, 120});
      strip.setInt("loop", 0);
      byte[] gif = save(ImageFormat.GIF, strip);
      VipsImage all = VipsLoad.buffer(scope, ImageFormat.GIF, gif,
          LoadOptions.DEFAULT.withPages(0, -1));
      assertThat(all.pages()).isEqualTo(3);
      assertThat(all.pageHeight()).isEqualTo(16);
      assertThat(all.height()).isEqualTo(48);
      assertThat(all.intArrayField("delay")).hasValueSatisfying(
          d -> assertThat(d).containsExactly(40, 80, 120));
      VipsImage first = VipsLoad.buffer(scope, ImageFormat.GIF, gif, LoadOptions.DEFAULT);
      assertThat(first.height()).isEqualTo(16);
    }
  }

  @Test
  void metadataCanBeReadSetListedAndRemoved() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsOps.copy(VipsTesting.rgb(scope, 8, 8));
      image.setString("imgrid-test", "hello");
      image.setDouble("imgrid-d", 2.5);
      image.setBlob("imgrid-b", new byte[] {1, 2, 3});
      image.setInt("orientation", 6);
      assertThat(image.fields()).contains("width", "imgrid-test", "imgrid-b");
      assertThat(image.stringField("imgrid-test")).contains("hello");
      assertThat(image.doubleField("imgrid-d")).hasValue(2.5);
      assertThat(image.blobField("imgrid-b")).hasValueSatisfying(
          b -> assertThat(b).containsExactly(1, 2, 3));
      assertThat(image.orientation()).isEqualTo(6);
      assertThat(image.intField("nope")).isEmpty();
      assertThat(image.remove("imgrid-test")).isTrue();
      assertThat(image.hasField("imgrid-test")).isFalse();
      assertThat(image.interpretation()).isEqualTo(VipsInterpretation.SRGB);
      assertThat(image.format()).isEqualTo(VipsBandFormat.UCHAR);
    }
  }

  @Test
  void stripRemovesExifWhileKeepAllKeepsIt() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsOps.copy(VipsTesting.rgb(scope, 8, 8));
      image.setString("exif-ifd0-Artist", "imgrid");
      byte[] stripped = VipsSave.jpeg(image, new VipsSave.Jpeg(80, true, false, NONE));
      byte[] kept = VipsSave.jpeg(image, new VipsSave.Jpeg(80, true, false, VipsSave.Keep.ALL));
      assertThat(VipsLoad.buffer(scope, ImageFormat.JPEG, stripped, LoadOptions.DEFAULT)
          .hasField("exif-data")).isFalse();
      assertThat(VipsLoad.buffer(scope, ImageFormat.JPEG, kept, LoadOptions.DEFAULT)
          .hasField("exif-data")).isTrue();
    }
  }

  @Test
  void rawPixelsRoundTripExactly() {
    byte[] pixels = new byte[5 * 3 * 4];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsLoad.fromPixels(scope, pixels, 5, 3, 4, VipsBandFormat.UCHAR,
          VipsInterpretation.SRGB);
      assertThat(image.width()).isEqualTo(5);
      assertThat(image.hasAlpha()).isTrue();
      assertThat(VipsSave.toPixels(image)).containsExactly(pixels);
      assertThatThrownBy(() -> VipsLoad.fromPixels(scope, pixels, 5, 4, 4, VipsBandFormat.UCHAR,
              VipsInterpretation.SRGB))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
