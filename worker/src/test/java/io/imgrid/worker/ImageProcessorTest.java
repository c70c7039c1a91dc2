package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.bus.Timing;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.shared.options.Trim;
import io.imgrid.shared.options.Watermark;
import io.imgrid.shared.options.WatermarkPosition;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.pipeline.PhaseTimer;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsScope;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** End-to-end behaviour of {@link ImageProcessor} on generated images, through real libvips. */
class ImageProcessorTest {
  private static ImageProcessor processor;
  /** 200×100: left half red, right half blue, a green 20×20 square in the top-left corner. */
  private static byte[] halves;

  @BeforeAll
  static void setUp() {
    processor = Jobs.processor(Map.of());
    try (VipsScope scope = new VipsScope()) {
      VipsImage img = TestImages.solid(scope, 200, 100, 0, 0, 255);
      img = TestImages.place(img, TestImages.solid(scope, 100, 100, 255, 0, 0), 0, 0);
      img = TestImages.place(img, TestImages.solid(scope, 20, 20, 0, 255, 0), 0, 0);
      halves = TestImages.png(img);
    }
  }

  private static ProcessingOptions.Builder png() {
    return ProcessingOptions.builder().format(ImageFormat.PNG);
  }

  private static <T> T decoded(ProcessedImage out, java.util.function.Function<VipsImage, T> f) {
    try (VipsScope scope = new VipsScope()) {
      return f.apply(TestImages.load(scope, out.format(), out.bytes(), false));
    }
  }

  @ParameterizedTest(name = "gravity {0}: ({1},{2}) is {3}")
  @CsvSource({"we, 25, 40, red", "we, 3, 3, green", "ea, 3, 3, blue", "nowe, 3, 3, green",
      "sowe, 25, 40, red", "noea, 47, 3, blue", "ce, 3, 3, red", "ce, 47, 47, blue"})
  void gravityChoosesTheKeptPart(String gravity, int x, int y, String colour) {
    ProcessingOptions o = png().resizingType(ResizingType.FILL).width(50).height(50)
        .gravity(new Gravity(GravityType.byName(gravity).orElseThrow(), 0, 0)).build();
    ProcessedImage out = Jobs.run(processor, halves, o);
    assertThat(out.width()).isEqualTo(50);
    int[] px = decoded(out, img -> TestImages.pixel(img, x, y));
    int[] expected = colour.equals("red") ? new int[] {255, 0, 0}
        : colour.equals("blue") ? new int[] {0, 0, 255} : new int[] {0, 255, 0};
    assertThat(TestImages.near(px, expected[0], expected[1], expected[2], 40))
        .as(Arrays.toString(px)).isTrue();
  }

  @Test
  void phasesAreTimedInOrderOnTheWallClock() {
    PhaseTimer timer = new PhaseTimer();
    long before = System.currentTimeMillis() * 1000;
    processor.process(halves, png().width(50).build(), AcceptBucket.NONE, Deadline.none(), timer);
    long after = System.currentTimeMillis() * 1000;
    List<Timing> phases = timer.phases();
    assertThat(phases).extracting(Timing::name).containsExactly("load", "process", "save");
    long previousEnd = before - 1000; // the wall clock reading is in whole milliseconds
    for (Timing t : phases) {
      assertThat(t.startEpochMicros()).isGreaterThanOrEqualTo(previousEnd - 1000);
      previousEnd = t.startEpochMicros() + t.durationMicros();
    }
    assertThat(previousEnd).isLessThanOrEqualTo(after + 1000);
    assertThat(phases.get(2).durationMicros()).isPositive(); // the pixels are computed in save
  }

  @Test
  void gravityOffsetsMoveTheCropAndNorthSouthWorkOnTallImages() {
    // crop 100x100 from the 200x100 with we + 100px offset: all blue
    ProcessingOptions o = png().resizingType(ResizingType.FILL).width(100).height(100)
        .gravity(new Gravity(GravityType.WEST, 100, 0)).build();
    int[] cropped = decoded(Jobs.run(processor, halves, o), img -> TestImages.pixel(img, 5, 50));
    assertThat(TestImages.near(cropped, 0, 0, 255, 10)).isTrue();
    // rotate 90 makes it 100x200: the red half is on top, so north keeps red, south blue
    ProcessingOptions north = png().rotate(90).resizingType(ResizingType.FILL).width(100)
        .height(100).gravity(new Gravity(GravityType.NORTH, 0, 0)).build();
    ProcessingOptions south = north.toBuilder().gravity(new Gravity(GravityType.SOUTH, 0, 0))
        .build();
    assertThat(TestImages.near(decoded(Jobs.run(processor, halves, north),
        img -> TestImages.pixel(img, 50, 50)), 255, 0, 0, 10)).isTrue();
    assertThat(TestImages.near(decoded(Jobs.run(processor, halves, south),
        img -> TestImages.pixel(img, 50, 50)), 0, 0, 255, 10)).isTrue();
  }

  @Test
  void focusPointAndSmartGravityCropToSize() {
    ProcessingOptions fp = png().resizingType(ResizingType.FILL).width(50).height(50)
        .gravity(new Gravity(GravityType.FOCUS_POINT, 0.9, 0.5)).build();
    ProcessedImage out = Jobs.run(processor, halves, fp);
    assertThat(out.width()).isEqualTo(50);
    assertThat(TestImages.near(decoded(out, img -> TestImages.pixel(img, 25, 25)), 0, 0, 255, 10))
        .isTrue();
    ProcessingOptions sm = fp.toBuilder().gravity(new Gravity(GravityType.SMART, 0, 0)).build();
    ProcessedImage smart = Jobs.run(processor, halves, sm);
    assertThat(new int[] {smart.width(), smart.height()}).containsExactly(50, 50);
  }

  @Test
  void extendPadsTransparentForPngAndWhiteOrBackgroundForJpeg() {
    ProcessingOptions o = png().width(300).height(300).extend(new Extend(true, Gravity.CENTER))
        .build();
    ProcessedImage out = Jobs.run(processor, halves, o);
    assertThat(new int[] {out.width(), out.height()}).containsExactly(300, 300);
    assertThat(decoded(out, img -> TestImages.pixel(img, 1, 1))[3]).isZero();
    assertThat(decoded(out, img -> TestImages.pixel(img, 150, 150))[3]).isEqualTo(255);

    ProcessedImage jpeg = Jobs.run(processor, halves, o.toBuilder().format(ImageFormat.JPEG)
        .build());
    assertThat(TestImages.near(decoded(jpeg, img -> TestImages.pixel(img, 1, 1)), 255, 255, 255,
        3)).isTrue();
    ProcessedImage bg = Jobs.run(processor, halves, o.toBuilder().background(new Color(0, 255, 0))
        .build());
    int[] px = decoded(bg, img -> TestImages.pixel(img, 1, 1));
    assertThat(px).hasSize(3);
    assertThat(TestImages.near(px, 0, 255, 0, 3)).isTrue();
  }

  @Test
  void paddingAddsMarginsScaledByDpr() {
    ProcessingOptions o = png().padding(new Padding(10, 20, 10, 20)).build();
    ProcessedImage out = Jobs.run(processor, halves, o);
    assertThat(new int[] {out.width(), out.height()}).containsExactly(240, 120);
    assertThat(decoded(out, img -> TestImages.pixel(img, 5, 60))[3]).isZero();
    ProcessingOptions dpr = o.toBuilder().width(100).dpr(2).build();
    ProcessedImage twice = Jobs.run(processor, halves, dpr);
    assertThat(new int[] {twice.width(), twice.height()}).containsExactly(200 + 80, 100 + 40);
  }

  @Test
  void trimRemovesUniformBorders() {
    byte[] bordered;
    try (VipsScope scope = new VipsScope()) {
      VipsImage img = TestImages.solid(scope, 100, 80, 250, 250, 250);
      img = TestImages.place(img, TestImages.solid(scope, 60, 40, 200, 0, 0), 10, 20);
      bordered = TestImages.png(img);
    }
    ProcessedImage auto = Jobs.run(processor, bordered,
        png().trim(new Trim(10, null, false, false)).build());
    assertThat(new int[] {auto.width(), auto.height()}).containsExactly(60, 40);
    ProcessedImage equal = Jobs.run(processor, bordered,
        png().trim(new Trim(10, null, true, true)).build());
    assertThat(new int[] {equal.width(), equal.height()}).containsExactly(80, 40);
    // the colour given is white: 250 is within threshold 10, not within 2
    ProcessedImage white = Jobs.run(processor, bordered,
        png().trim(new Trim(10, Color.WHITE, false, false)).build());
    assertThat(white.width()).isEqualTo(60);
    ProcessedImage strict = Jobs.run(processor, bordered,
        png().trim(new Trim(2, Color.WHITE, false, false)).build());
    assertThat(strict.width()).isEqualTo(100);
    // geometry is re-planned on the trimmed size
    ProcessedImage resized = Jobs.run(processor, bordered,
        png().trim(new Trim(10, null, false, false)).width(30).build());
    assertThat(new int[] {resized.width(), resized.height()}).containsExactly(30, 20);
  }

  @Test
  void watermarkIsPlacedTiledAndFaded() {
    byte[] mark;
    try (VipsScope scope = new VipsScope()) {
      mark = TestImages.png(TestImages.solid(scope, 10, 10, 0, 255, 0));
    }
    ImageProcessor wm = Jobs.processor(
        Map.of("IMGPROXY_WATERMARK_DATA", Base64.getEncoder().encodeToString(mark)));
    byte[] blue;
    try (VipsScope scope = new VipsScope()) {
      blue = TestImages.png(TestImages.solid(scope, 100, 50, 0, 0, 255));
    }
    ProcessedImage soea = Jobs.run(wm, blue,
        png().watermark(new Watermark(1, WatermarkPosition.SOUTH_EAST, 0, 0, 0)).build());
    assertThat(TestImages.near(decoded(soea, i -> TestImages.pixel(i, 95, 45)), 0, 255, 0, 5))
        .isTrue();
    assertThat(TestImages.near(decoded(soea, i -> TestImages.pixel(i, 5, 5)), 0, 0, 255, 5))
        .isTrue();
    assertThat(decoded(soea, VipsImage::bands)).isEqualTo(3);

    ProcessedImage offset = Jobs.run(wm, blue,
        png().watermark(new Watermark(1, WatermarkPosition.NORTH_WEST, 20, 5, 0)).build());
    assertThat(TestImages.near(decoded(offset, i -> TestImages.pixel(i, 25, 10)), 0, 255, 0, 5))
        .isTrue();
    assertThat(TestImages.near(decoded(offset, i -> TestImages.pixel(i, 5, 2)), 0, 0, 255, 5))
        .isTrue();

    ProcessedImage tiled = Jobs.run(wm, blue,
        png().watermark(new Watermark(1, WatermarkPosition.REPLICATE, 10, 10, 0)).build());
    // tiles of 20x20 with the mark at (5,5)..(14,14)
    assertThat(TestImages.near(decoded(tiled, i -> TestImages.pixel(i, 10, 10)), 0, 255, 0, 5))
        .isTrue();
    assertThat(TestImages.near(decoded(tiled, i -> TestImages.pixel(i, 50, 30)), 0, 255, 0, 5))
        .isTrue();
    assertThat(TestImages.near(decoded(tiled, i -> TestImages.pixel(i, 2, 2)), 0, 0, 255, 5))
        .isTrue();

    ProcessedImage faded = Jobs.run(wm, blue,
        png().watermark(new Watermark(0.5, WatermarkPosition.CENTER, 0, 0, 0)).build());
    int[] px = decoded(faded, i -> TestImages.pixel(i, 50, 25));
    assertThat(px[1]).isBetween(110, 145);
    assertThat(px[2]).isBetween(110, 145);

    ProcessedImage scaled = Jobs.run(wm, blue,
        png().watermark(new Watermark(1, WatermarkPosition.NORTH_WEST, 0, 0, 0.5)).build());
    // scaled to fit 50x25: 25x25
    assertThat(TestImages.near(decoded(scaled, i -> TestImages.pixel(i, 22, 22)), 0, 255, 0, 5))
        .isTrue();
    assertThat(TestImages.near(decoded(scaled, i -> TestImages.pixel(i, 28, 5)), 0, 0, 255, 5))
        .isTrue();
  }

  @Test
  void flattenUsesWhiteForJpegAndTheBackgroundWhenSet() {
    byte[] transparent;
    try (VipsScope scope = new VipsScope()) {
      transparent = TestImages.png(TestImages.solidAlpha(scope, 20, 20, 255, 0, 0, 0));
    }
    ProcessedImage jpeg = Jobs.run(processor, transparent,
        ProcessingOptions.builder().format(ImageFormat.JPEG).build());
    assertThat(TestImages.near(decoded(jpeg, i -> TestImages.pixel(i, 10, 10)), 255, 255, 255, 3))
        .isTrue();
    ProcessedImage bg = Jobs.run(processor, transparent,
        png().background(new Color(0, 0, 255)).build());
    int[] px = decoded(bg, i -> TestImages.pixel(i, 10, 10));
    assertThat(px).hasSize(3);
    assertThat(TestImages.near(px, 0, 0, 255, 3)).isTrue();
    ProcessedImage keep = Jobs.run(processor, transparent, png().build());
    assertThat(decoded(keep, i -> TestImages.pixel(i, 10, 10))[3]).isZero();
  }

  @Test
  void filtersKeepTheSize() {
    ProcessedImage out = Jobs.run(processor, halves,
        png().blur(2).sharpen(1).pixelate(7).build());
    assertThat(new int[] {out.width(), out.height()}).containsExactly(200, 100);
  }

  @Test
  void skipProcessingReturnsTheSourceBytes() {
    ProcessedImage out = Jobs.run(processor, halves,
        ProcessingOptions.builder().skipProcessing(Set.of(ImageFormat.PNG)).build());
    assertThat(out.bytes()).isSameAs(halves);
    assertThat(out.format()).isEqualTo(ImageFormat.PNG);
    assertThat(out.contentType()).isEqualTo("image/png");
  }

  @Test
  void svgIsReturnedSanitizedOrRasterized() {
    byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\">"
        + "<script>alert(1)</script><rect width=\"40\" height=\"20\" fill=\"red\"/></svg>")
        .getBytes(StandardCharsets.UTF_8);
    ProcessedImage out = Jobs.run(processor, svg, ProcessingOptions.builder().build());
    assertThat(out.format()).isEqualTo(ImageFormat.SVG);
    assertThat(out.contentType()).isEqualTo("image/svg+xml");
    assertThat(new String(out.bytes(), StandardCharsets.UTF_8)).contains("<rect")
        .doesNotContain("script");

    ImageProcessor raw = Jobs.processor(Map.of("IMGPROXY_SANITIZE_SVG", "false"));
    assertThat(Jobs.run(raw, svg, ProcessingOptions.builder().build()).bytes()).isEqualTo(svg);

    // rasterized: vectors scale up without enlarge
    ProcessedImage png = Jobs.run(processor, svg, png().width(400).build());
    assertThat(new int[] {png.width(), png.height()}).containsExactly(400, 200);
    // capped by max_src_resolution: 400x200 = 80000 px > 20000 -> rasterized at 200x100, which
    // imgproxy then enlarges to 400x200; imgrid's result guard refuses a result over the limit
    assertThatThrownBy(() -> Jobs.run(processor, svg, png().width(400)
        .limits(new SecurityLimits(20_000, 0, 1, 0, 0)).build()))
        .isInstanceOfSatisfying(ImgridException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.RESULT_TOO_LARGE));
  }

  @Test
  void corruptAndTruncatedSourcesAre422() {
    byte[] jpeg;
    try (VipsScope scope = new VipsScope()) {
      jpeg = TestImages.jpeg(TestImages.solid(scope, 64, 64, 1, 2, 3));
    }
    byte[] truncated = Arrays.copyOf(jpeg, jpeg.length / 2);
    byte[] garbage = jpeg.clone();
    for (int i = 300; i < garbage.length - 2; i++) {
      garbage[i] = (byte) (i * 31);
    }
    for (byte[] bad : new byte[][] {truncated, garbage, "not an image".getBytes(),
        Arrays.copyOf(halves, 60)}) {
      assertThatThrownBy(() -> Jobs.run(processor, bad, png().width(10).build()))
          .isInstanceOfSatisfying(ImgridException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.kind()).isIn(ErrorKind.BROKEN_IMAGE, ErrorKind.INVALID_SOURCE_IMAGE);
          });
    }
  }

  @Test
  void animatedGifBecomesAnimatedWebpWithItsFramesAndDelays() {
    byte[] gif;
    try (VipsScope scope = new VipsScope()) {
      VipsImage[] frames = {
        TestImages.solid(scope, 40, 30, 255, 0, 0),
        TestImages.solid(scope, 40, 30, 0, 255, 0),
        TestImages.solid(scope, 40, 30, 0, 0, 255)};
      VipsImage strip = VipsOps.copy(VipsOps.arrayjoin(frames, 1));
      strip.setInt("page-height", 30);
      strip.setInt("n-pages", 3);
      strip.setIntArray("delay", new int[] {100, 200, 300});
      strip.setInt("loop", 0);
      gif = io.imgrid.worker.vips.VipsSave.gif(strip,
          new io.imgrid.worker.vips.VipsSave.Gif(8, io.imgrid.worker.vips.VipsSave.Keep.ALL));
    }
    SecurityLimits frames = new SecurityLimits(50_000_000d, 0, 10, 0, 0);
    ProcessedImage out = Jobs.run(processor, gif, ProcessingOptions.builder()
        .format(ImageFormat.WEBP).width(20).limits(frames).build());
    assertThat(new int[] {out.width(), out.height()}).containsExactly(20, 15);
    try (VipsScope scope = new VipsScope()) {
      VipsImage webp = TestImages.load(scope, ImageFormat.WEBP, out.bytes(), true);
      assertThat(webp.pages()).isEqualTo(3);
      assertThat(webp.pageHeight()).isEqualTo(15);
      assertThat(webp.intArrayField("delay").orElseThrow()).containsExactly(100, 200, 300);
      assertThat(TestImages.near(TestImages.pixel(webp, 10, 15 + 7), 0, 255, 0, 30)).isTrue();
    }
    // one frame allowed: a still
    ProcessedImage still = Jobs.run(processor, gif,
        ProcessingOptions.builder().format(ImageFormat.WEBP).build());
    try (VipsScope scope = new VipsScope()) {
      VipsImage webp = TestImages.load(scope, ImageFormat.WEBP, still.bytes(), true);
      assertThat(webp.pages()).isEqualTo(1);
      assertThat(webp.height()).isEqualTo(30);
    }
  }
}
