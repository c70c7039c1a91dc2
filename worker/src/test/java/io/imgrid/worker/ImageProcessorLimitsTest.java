package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.ArgumentRange;
import io.imgrid.worker.vips.LoadOptions;
import io.imgrid.worker.vips.TrackedMemory;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsLoad;
import io.imgrid.worker.vips.VipsScope;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Source-driven limits that must answer 422 or 503, never 500 and never run on: the SVG
 * rasterisation scale, the SVG filter budget, and the deadline inside a libvips evaluation.
 */
class ImageProcessorLimitsTest {
  private static ImageProcessor processor;

  @BeforeAll
  static void setUp() {
    processor = Jobs.processor(Map.of());
  }

  private static byte[] svg(int width, int height, String body) {
    return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
        + "\">" + body + "</svg>").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] nestedBlurs(int depth, int size) {
    StringBuilder b = new StringBuilder("<defs>");
    for (int i = 0; i < depth; i++) {
      b.append("<filter id=\"f").append(i).append("\"><feGaussianBlur stdDeviation=\"50\"/></filter>");
    }
    b.append("</defs>");
    for (int i = 0; i < depth; i++) {
      b.append("<g filter=\"url(#f").append(i).append(")\">");
    }
    b.append("<rect width=\"").append(size).append("\" height=\"").append(size)
        .append("\" fill=\"blue\"/>");
    b.append("</g>".repeat(depth));
    return svg(size, size, b.toString());
  }

  private static ProcessingOptions fill(int w, int h, ImageFormat format) {
    return ProcessingOptions.builder().resizingType(ResizingType.FILL).width(w).height(h)
        .gravity(new Gravity(GravityType.SMART, 0, 0)).format(format).build();
  }

  @Test
  void svgScaleRangeIsTheLinkedLibvipsOwn() {
    ArgumentRange range = VipsLoad.svgScaleRange();
    byte[] svg = svg(10_000, 10_000, "<rect width=\"100\" height=\"100\" fill=\"red\"/>");
    byte[] dot = svg(1, 1, "<rect width=\"1\" height=\"1\" fill=\"red\"/>");
    try (VipsScope scope = new VipsScope()) {
      assertThat(VipsLoad.buffer(scope, ImageFormat.SVG, svg,
          LoadOptions.DEFAULT.withScale(Math.max(range.min(), 0.001))).width()).isEqualTo(10);
      assertThat(VipsLoad.buffer(scope, ImageFormat.SVG, dot,
          LoadOptions.DEFAULT.withScale(range.max())).width())
          .isEqualTo((int) Math.round(range.max()));
      if (range.min() > 0) {
        assertThatThrownBy(() -> VipsLoad.buffer(scope, ImageFormat.SVG, svg,
            LoadOptions.DEFAULT.withScale(range.min() * 0.99)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
      }
      assertThatThrownBy(() -> VipsLoad.buffer(scope, ImageFormat.SVG, svg,
          LoadOptions.DEFAULT.withScale(range.max() * 1.01)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
    } finally {
      Vips.threadShutdown();
    }
  }

  @Test
  void anSvgNeedingAScaleBelowLibvipsMinimumIsAnInvalidSource() {
    byte[] huge = svg(1_000_000, 1_000_000,
        "<rect width=\"1000000\" height=\"1000000\" fill=\"red\"/>");
    // 100x100 out of 10^6 square needs scale 1e-4: below 8.14's minimum (0.001); 8.15+ take it
    if (VipsLoad.svgScaleRange().contains(1e-4)) {
      ProcessedImage small = Jobs.run(processor, huge, fill(100, 100, ImageFormat.PNG));
      assertThat(small.width()).isEqualTo(100);
    } else {
      assertThatThrownBy(() -> Jobs.run(processor, huge, fill(100, 100, ImageFormat.PNG)))
          .isInstanceOfSatisfying(ImgridException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE))
          .hasMessageContaining("minimum");
    }
    // a scale within range still renders the same source
    ProcessedImage out = Jobs.run(processor, huge, ProcessingOptions.builder()
        .resizingType(ResizingType.FIT).width(1200).format(ImageFormat.PNG).build());
    assertThat(out.width()).isEqualTo(1200);
  }

  @Test
  void anSvgOverMaxSrcResolutionIsRasterisedAtTheLimitOrRefusedBelowTheMinimumScale() {
    byte[] huge = svg(1_000_000, 1_000_000, "<rect width=\"10\" height=\"10\" fill=\"red\"/>");
    // 10^12 px into 0.5 MP needs scale 7e-4, below 8.14's minimum 0.001 (8.15+ take it)
    ProcessingOptions half = ProcessingOptions.builder().format(ImageFormat.PNG)
        .limits(new SecurityLimits(500_000, 0, 1, 0, 0)).build();
    if (VipsLoad.svgScaleRange().contains(7e-4)) {
      assertThat(Jobs.run(processor, huge, half).width()).isEqualTo(707);
    } else {
      assertThatThrownBy(() -> Jobs.run(processor, huge, half))
          .isInstanceOfSatisfying(ImgridException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE));
    }
    // into 4 MP: scale 0.002, and the guarded 2000x2000 raster is the source (no enlargement)
    ProcessingOptions four = ProcessingOptions.builder().format(ImageFormat.PNG)
        .limits(new SecurityLimits(4_000_000, 0, 1, 0, 0)).build();
    ProcessedImage out = Jobs.run(processor, huge, four);
    assertThat(out.width()).isEqualTo(2000);
    assertThat(out.height()).isEqualTo(2000);
  }

  @Test
  void anSvgWithTooManyFiltersForItsRasterIsRefusedBeforeRendering() {
    byte[] heavy = nestedBlurs(200, 4000);
    long start = System.currentTimeMillis();
    assertThatThrownBy(() -> Jobs.run(processor, heavy, ProcessingOptions.builder()
        .resizingType(ResizingType.FIT).width(1200).format(ImageFormat.WEBP).build()))
        .isInstanceOfSatisfying(ImgridException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE))
        .hasMessageContaining("filter");
    assertThat(System.currentTimeMillis() - start).isLessThan(2_000);
    // a few filters at a modest size are fine
    ProcessedImage out = Jobs.run(processor, nestedBlurs(3, 400), fill(100, 100, ImageFormat.PNG));
    assertThat(out.width()).isEqualTo(100);
  }

  @Test
  void aLongEvaluationStopsAtTheDeadlineWith503AndFreesItsMemory() {
    // 2400x2400 PNG (compresses to little), blurred with sigma 80: ~a minute of work in the save
    byte[] png;
    try (VipsScope scope = new VipsScope()) {
      png = TestImages.png(TestImages.solid(scope, 2400, 2400, 10, 200, 30));
    }
    ProcessingOptions blur = ProcessingOptions.builder().blur(80).format(ImageFormat.PNG).build();
    Vips.threadShutdown();
    TrackedMemory.Reading memory = TrackedMemory.settled();
    long start = System.currentTimeMillis();
    assertThatThrownBy(() -> processor.process(png, blur, AcceptBucket.NONE, Deadline.in(400)))
        .isInstanceOfSatisfying(ImgridException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
          assertThat(e.status()).isEqualTo(503);
        });
    assertThat(System.currentTimeMillis() - start).isLessThan(400 + 1_500);
    // the killed evaluation's buffers are freed (pool threads unwind just after the 503)
    TrackedMemory.awaitAtMost(memory);
  }
}
