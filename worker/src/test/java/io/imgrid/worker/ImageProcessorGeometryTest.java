package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of the contract's §3.4 size table, through real libvips: a generated 200×100 PNG,
 * processed by {@link ImageProcessor}, output decoded dimensions checked.
 */
class ImageProcessorGeometryTest {
  private static byte[] source;
  private static ImageProcessor processor;

  @BeforeAll
  static void setUp() {
    TestImages.init();
    try (VipsScope scope = new VipsScope()) {
      source = TestImages.png(TestImages.solid(scope, 200, 100, 10, 120, 200));
    }
    processor = new ImageProcessor(ImageProcessorConfig.DEFAULT, Vips.capabilities());
  }

  @ParameterizedTest(name = "{0} {1}x{2} enlarge={3} extend={4} ear={5} mrd={6} -> {7}x{8}")
  @CsvSource({
    "fit, 50, 50, false, false, false, 0, 50, 25",
    "fit, 50, 50, true, false, false, 0, 50, 25",
    "fit, 50, 50, false, true, false, 0, 50, 50",
    "fit, 50, 50, false, false, true, 0, 50, 50",
    "fit, 300, 300, false, false, false, 0, 200, 100",
    "fit, 300, 300, true, false, false, 0, 300, 150",
    "fit, 300, 300, false, true, false, 0, 300, 300",
    "fit, 300, 300, false, false, true, 0, 200, 200",
    "fit, 0, 200, false, false, false, 0, 200, 100",
    "fit, 0, 200, true, false, false, 0, 400, 200",
    "fit, 0, 200, false, true, false, 0, 200, 200",
    "fit, 0, 200, false, false, true, 0, 200, 100",
    "fit, 300, 0, false, false, false, 0, 200, 100",
    "fit, 300, 0, true, false, false, 0, 300, 150",
    "fit, 300, 0, false, true, false, 0, 300, 100",
    "fit, 300, 0, false, false, true, 0, 200, 100",
    "fill, 100, 300, false, false, false, 0, 100, 100",
    "fill, 100, 300, false, true, false, 0, 100, 300",
    "fill, 100, 300, false, false, true, 0, 100, 300",
    "fill, 300, 50, false, false, false, 0, 200, 50",
    "fill, 300, 50, false, true, false, 0, 300, 50",
    "fill, 300, 50, false, false, true, 0, 300, 50",
    "fill-down, 300, 125, false, false, false, 0, 200, 83",
    "fill-down, 300, 125, true, false, false, 0, 300, 125",
    "fill-down, 300, 125, false, true, false, 0, 300, 125",
    "fill-down, 250, 300, false, false, false, 0, 83, 100",
    "fill-down, 250, 300, true, false, false, 0, 250, 300",
    "fill-down, 250, 300, false, true, false, 0, 250, 300",
    "fit, 100, 100, false, false, false, 50, 50, 25",
  })
  void sizeTable(String rt, int w, int h, boolean enlarge, boolean extend, boolean ear, int mrd,
      int outW, int outH) {
    ProcessingOptions o = ProcessingOptions.builder()
        .resizingType(ResizingType.byName(rt).orElseThrow())
        .width(w)
        .height(h)
        .enlarge(enlarge)
        .extend(extend ? new Extend(true, io.imgrid.shared.options.Gravity.CENTER) : Extend.NONE)
        .extendAspectRatio(
            ear ? new Extend(true, io.imgrid.shared.options.Gravity.CENTER) : Extend.NONE)
        .limits(new SecurityLimits(50_000_000d, 0, 1, 0, mrd))
        .format(ImageFormat.PNG)
        .build();
    ProcessedImage out = processor.process(source, o, AcceptBucket.NONE, Deadline.none());
    assertThat(out.format()).isEqualTo(ImageFormat.PNG);
    assertThat(new int[] {out.width(), out.height()}).containsExactly(outW, outH);
    try (VipsScope scope = new VipsScope()) {
      var decoded = TestImages.load(scope, ImageFormat.PNG, out.bytes(), false);
      assertThat(new int[] {decoded.width(), decoded.height()}).containsExactly(outW, outH);
    }
    assertThat(out.originWidth()).isEqualTo(200);
    assertThat(out.originHeight()).isEqualTo(100);
  }
}
