package io.imgrid.shared.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.SecurityLimits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The result sizes imgproxy produces for a 200×100 source (contract §3.4 and imgproxy's
 * {@code processing_test.go}), predicted without touching pixels.
 */
class GeometryTableTest {
  private static final int SRC_W = 200;
  private static final int SRC_H = 100;

  @ParameterizedTest(name = "{0} {1}x{2} {3} -> {4}x{5}")
  @CsvSource({
    // the contract's §3.4 table, every row
    "fit, 50, 50, default, 50, 25",
    "fit, 50, 50, enlarge, 50, 25",
    "fit, 50, 50, extend, 50, 50",
    "fit, 50, 50, extend_ar, 50, 50",
    "fit, 300, 300, default, 200, 100",
    "fit, 300, 300, enlarge, 300, 150",
    "fit, 300, 300, extend, 300, 300",
    "fit, 300, 300, extend_ar, 200, 200",
    "fit, 0, 200, default, 200, 100",
    "fit, 0, 200, enlarge, 400, 200",
    "fit, 0, 200, extend, 200, 200",
    "fit, 0, 200, extend_ar, 200, 100",
    "fit, 300, 0, default, 200, 100",
    "fit, 300, 0, enlarge, 300, 150",
    "fit, 300, 0, extend, 300, 100",
    "fit, 300, 0, extend_ar, 200, 100",
    "fill, 100, 300, default, 100, 100",
    "fill, 100, 300, extend, 100, 300",
    "fill, 100, 300, extend_ar, 100, 300",
    "fill, 300, 50, default, 200, 50",
    "fill, 300, 50, extend, 300, 50",
    "fill, 300, 50, extend_ar, 300, 50",
    "fill-down, 300, 125, default, 200, 83",
    "fill-down, 300, 125, enlarge, 300, 125",
    "fill-down, 300, 125, extend, 300, 125",
    "fill-down, 250, 300, default, 83, 100",
    "fill-down, 250, 300, enlarge, 250, 300",
    "fill-down, 250, 300, extend, 250, 300",
  })
  void contractTable(String rt, int w, int h, String variant, int outW, int outH) {
    assertSize(options(rt, w, h, variant).build(), outW, outH);
  }

  @ParameterizedTest(name = "{0} {1}x{2} {3} -> {4}x{5}")
  @CsvSource({
    "fit, 50, 20, default, 40, 20",
    "fit, 20, 50, default, 20, 10",
    "fit, 300, 50, default, 100, 50",
    "fit, 100, 300, default, 100, 50",
    "fit, 0, 50, default, 100, 50",
    "fit, 50, 0, default, 50, 25",
    "fit, 300, 125, enlarge, 250, 125",
    "fit, 250, 300, enlarge, 250, 125",
    "fit, 50, 20, extend, 50, 20",
    "fit, 300, 125, extend, 300, 125",
    "fit, 250, 300, extend, 250, 300",
    "fit, 0, 50, extend, 100, 50",
    "fit, 50, 0, extend, 50, 25",
    "fit, 20, 50, extend_ar, 20, 50",
    "fit, 300, 125, extend_ar, 240, 100",
    "fit, 250, 500, extend_ar, 200, 400",
    "fill, 50, 50, default, 50, 50",
    "fill, 50, 20, default, 50, 20",
    "fill, 20, 50, default, 20, 50",
    "fill, 300, 300, default, 200, 100",
    "fill, 0, 50, default, 100, 50",
    "fill, 300, 0, default, 200, 100",
    "fill, 300, 300, enlarge, 300, 300",
    "fill, 300, 125, enlarge, 300, 125",
    "fill, 250, 300, enlarge, 250, 300",
    "fill, 0, 200, enlarge, 400, 200",
    "fill, 300, 0, enlarge, 300, 150",
    "fill, 300, 300, extend, 300, 300",
    "fill, 0, 200, extend, 200, 200",
    "fill, 300, 0, extend, 300, 100",
    "fill, 300, 300, extend_ar, 200, 200",
    "fill, 300, 125, extend_ar, 240, 100",
    "fill, 250, 500, extend_ar, 200, 400",
    "fill, 0, 200, extend_ar, 200, 100",
    "fill-down, 50, 50, default, 50, 50",
    "fill-down, 300, 300, default, 100, 100",
    "fill-down, 0, 200, default, 200, 100",
    "fill-down, 300, 300, enlarge, 300, 300",
    "fill-down, 0, 200, enlarge, 400, 200",
    "fill-down, 300, 0, enlarge, 300, 150",
    "fill-down, 300, 50, extend, 300, 50",
    "fill-down, 100, 300, extend, 100, 300",
    "fill-down, 300, 300, extend_ar, 100, 100",
    "fill-down, 300, 125, extend_ar, 200, 83",
    "fill-down, 250, 300, extend_ar, 83, 100",
    "fill-down, 300, 0, extend_ar, 200, 100",
  })
  void imgproxyProcessingSuite(String rt, int w, int h, String variant, int outW, int outH) {
    assertSize(options(rt, w, h, variant).build(), outW, outH);
  }

  @ParameterizedTest(name = "mrd:{0} {1} {2}x{3} {4} rot:{5} pad:{6} -> {7}x{8}")
  @CsvSource({
    // the contract's fit + mrd:50 row first
    "50, fit, 100, 100, default, 0, false, 50, 25",
    "1000, fit, 100, 100, default, 0, false, 100, 50",
    "50, fit, 0, 0, default, 0, false, 50, 25",
    "100, fit, 0, 100, default, 0, false, 100, 50",
    "50, fit, 150, 0, default, 0, false, 50, 25",
    "100, fit, 1000, 1000, default, 0, false, 100, 50",
    "100, fit, 1000, 1000, enlarge, 0, false, 100, 50",
    "100, fit, 1000, 2000, extend, 0, false, 50, 100",
    "100, fit, 1000, 2000, extend_ar, 0, false, 50, 100",
    "100, fit, 100, 150, default, 90, false, 50, 100",
    "100, fit, 0, 0, default, 90, false, 50, 100",
    "200, fit, 100, 100, default, 0, true, 200, 129",
    "50, fill, 100, 100, default, 0, false, 50, 50",
    "50, fill, 1000, 50, default, 0, false, 50, 13",
    "50, fill, 100, 1000, default, 0, false, 50, 50",
    "100, fill, 1000, 1000, default, 0, false, 100, 50",
    "100, fill, 1000, 1000, enlarge, 0, false, 100, 100",
    "100, fill, 1000, 2000, extend, 0, false, 50, 100",
    "100, fill, 1000, 2000, extend_ar, 0, false, 50, 100",
    "100, fill, 100, 150, default, 90, false, 67, 100",
    "200, fill, 100, 100, default, 0, true, 200, 144",
    "50, fill-down, 1000, 50, default, 0, false, 50, 3",
    "50, fill-down, 100, 1000, default, 0, false, 5, 50",
    "100, fill-down, 1000, 1000, default, 0, false, 100, 100",
    "100, fill-down, 1000, 1500, default, 90, false, 67, 100",
    "100, fill-down, 0, 0, default, 90, false, 50, 100",
    "200, fill-down, 1000, 1000, default, 0, true, 200, 144",
  })
  void maxResultDimension(
      int limit,
      String rt,
      int w,
      int h,
      String variant,
      int rotate,
      boolean padding,
      int outW,
      int outH) {
    ProcessingOptions.Builder b =
        options(rt, w, h, variant)
            .rotate(rotate)
            .limits(new SecurityLimits(50_000_000d, 0, 1, 0, limit));
    if (padding) {
      b.padding(new Padding(100, 200, 300, 400));
    }
    assertSize(b.build(), outW, outH);
  }

  static ProcessingOptions.Builder options(String rt, int w, int h, String variant) {
    ProcessingOptions.Builder b =
        ProcessingOptions.builder()
            .resizingType(ResizingType.byName(rt).orElseThrow())
            .width(w)
            .height(h);
    switch (variant) {
      case "default" -> {}
      case "enlarge" -> b.enlarge(true);
      case "extend" -> b.extend(new Extend(true, io.imgrid.shared.options.Gravity.CENTER));
      case "extend_ar" ->
          b.extendAspectRatio(new Extend(true, io.imgrid.shared.options.Gravity.CENTER));
      default -> throw new IllegalArgumentException(variant);
    }
    return b;
  }

  private static void assertSize(ProcessingOptions o, int outW, int outH) {
    GeometryPlan plan = Geometry.plan(SRC_W, SRC_H, 1, o, false);
    assertThat(plan.result()).as("plan %s", plan).isEqualTo(new Size(outW, outH));
    assertThat(plan.resultWidth()).isEqualTo(outW);
    assertThat(plan.resultHeight()).isEqualTo(outH);
  }
}
