package io.imgrid.shared.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.options.Crop;
import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.SecurityLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each option's effect on the plan of a 200×100 source. */
class GeometryTest {

  private static GeometryPlan plan(ProcessingOptions.Builder b) {
    return Geometry.plan(200, 100, 1, b.build(), false);
  }

  private static ProcessingOptions.Builder opts() {
    return ProcessingOptions.builder();
  }

  @Test
  void noOptionsKeepsTheSourceAndDoesNotResize() {
    GeometryPlan p = plan(opts());
    assertThat(p.result()).isEqualTo(new Size(200, 100));
    assertThat(p.resizes()).isFalse();
    assertThat(p.hasCrop()).isFalse();
    assertThat(p.maxResultDownscale()).isEqualTo(1.0);
    assertThat(p.jpegShrink()).isEqualTo(1);
  }

  @ParameterizedTest(name = "crop {0}x{1} -> {2}x{3}")
  @CsvSource({
    "50, 50, 50, 50",
    "0.5, 0.5, 100, 50",
    "0.25, 0, 50, 100",
    "0, 0, 200, 100",
    "300, 300, 200, 100",
    "50.9, 20, 50, 20",
    "0.001, 0.001, 1, 1",
  })
  void cropSizes(double cw, double ch, int outW, int outH) {
    GeometryPlan p = plan(opts().crop(new Crop(cw, ch, null)));
    assertThat(p.result()).isEqualTo(new Size(outW, outH));
  }

  @Test
  void cropUsesItsOwnGravityElseTheMainOne() {
    Gravity north = new Gravity(GravityType.NORTH, 0, 0);
    Gravity east = new Gravity(GravityType.EAST, 3, 0);
    assertThat(plan(opts().gravity(north).crop(new Crop(50, 50, null))).cropGravity())
        .isEqualTo(north);
    assertThat(plan(opts().gravity(north).crop(new Crop(50, 50, east))).cropGravity())
        .isEqualTo(east);
  }

  @Test
  void cropThenResizeScalesTheCroppedArea() {
    // crop 100x100, then fit into 50x50
    GeometryPlan p = plan(opts().crop(new Crop(100, 100, null)).width(50).height(50));
    assertThat(p.toScale()).isEqualTo(new Size(100, 100));
    assertThat(p.wscale()).isEqualTo(0.5);
    assertThat(p.result()).isEqualTo(new Size(50, 50));
  }

  @Test
  void cropWithDprHalvesTheCrop() {
    GeometryPlan p = plan(opts().crop(new Crop(50, 50, null)).dpr(0.5));
    assertThat(p.result()).isEqualTo(new Size(25, 25));
  }

  @Test
  void cropOfARotatedSourceIsSwappedBackForTheSource() {
    GeometryPlan p = Geometry.plan(200, 100, 6, opts().crop(new Crop(80, 30, null)).build(), false);
    assertThat(p.swapped()).isTrue();
    assertThat(p.source()).isEqualTo(new Size(100, 200));
    assertThat(p.crop()).isEqualTo(new Size(80, 30));
    assertThat(p.sourceCrop()).isEqualTo(new Size(30, 80));
    assertThat(p.result()).isEqualTo(new Size(80, 30));
  }

  @Test
  void paddingIsAddedAfterResize() {
    GeometryPlan p = plan(opts().width(100).height(100).padding(new Padding(10, 20, 30, 40)));
    assertThat(p.padding()).isEqualTo(new Padding(10, 20, 30, 40));
    assertThat(p.result()).isEqualTo(new Size(100 + 60, 50 + 40));
  }

  @Test
  void paddingIsScaledByDprRoundingToEven() {
    // dpr 2 with enlarge: 400x200, padding 5 -> 10, 3 -> 6
    GeometryPlan p = plan(opts().dpr(2).enlarge(true).padding(new Padding(5, 3, 5, 3)));
    assertThat(p.padding()).isEqualTo(new Padding(10, 6, 10, 6));
    assertThat(p.result()).isEqualTo(new Size(412, 220));
    // dpr 0.5: 5 * 0.5 = 2.5 -> 2 (to even), 3 * 0.5 = 1.5 -> 2
    GeometryPlan half = plan(opts().dpr(0.5).padding(new Padding(5, 3, 5, 3)));
    assertThat(half.padding()).isEqualTo(new Padding(2, 2, 2, 2));
    assertThat(half.result()).isEqualTo(new Size(104, 54));
  }

  @Test
  void paddingWithExtendPadsTheExtendedBox() {
    GeometryPlan p =
        plan(
            opts()
                .width(300)
                .height(300)
                .extend(new Extend(true, Gravity.CENTER))
                .padding(new Padding(10, 10, 10, 10)));
    assertThat(p.result()).isEqualTo(new Size(320, 320));
  }

  @Test
  void dprScalesTheTarget() {
    GeometryPlan p = plan(opts().resizingType(ResizingType.FILL).width(100).height(26).dpr(2));
    assertThat(p.dprScale()).isEqualTo(2.0);
    assertThat(p.result()).isEqualTo(new Size(200, 52));
    GeometryPlan half =
        plan(opts().resizingType(ResizingType.FILL).width(100).height(26).dpr(0.5));
    assertThat(half.result()).isEqualTo(new Size(50, 13));
  }

  @Test
  void dprIsCappedSoItNeverEnlargesWithoutEnlarge() {
    GeometryPlan tall = plan(opts().resizingType(ResizingType.FILL).width(26).height(100).dpr(2));
    assertThat(tall.dprScale()).isEqualTo(1.0);
    assertThat(tall.result()).isEqualTo(new Size(26, 100));

    GeometryPlan none = plan(opts().dpr(3));
    assertThat(none.dprScale()).isEqualTo(1.0);
    assertThat(none.result()).isEqualTo(new Size(200, 100));

    GeometryPlan enlarged = plan(opts().dpr(3).enlarge(true));
    assertThat(enlarged.dprScale()).isEqualTo(3.0);
    assertThat(enlarged.result()).isEqualTo(new Size(600, 300));
  }

  @Test
  void dprWithExtendKeepsTheComposition() {
    // extend 500x500 with dpr 2 can't grow the image; the box stays 500x500
    GeometryPlan p = plan(opts().width(500).height(500).dpr(2).extend(new Extend(true, Gravity.CENTER)));
    assertThat(p.result()).isEqualTo(new Size(500, 500));
    GeometryPlan half =
        plan(opts().width(500).height(500).dpr(0.5).extend(new Extend(true, Gravity.CENTER)));
    assertThat(half.result()).isEqualTo(new Size(250, 250));
  }

  @Test
  void extendAspectRatioWithDpr() {
    Extend ear = new Extend(true, Gravity.CENTER);
    assertThat(plan(opts().width(300).height(600).extendAspectRatio(ear)).result())
        .isEqualTo(new Size(200, 400));
    assertThat(plan(opts().width(300).height(600).dpr(0.5).extendAspectRatio(ear)).result())
        .isEqualTo(new Size(150, 300));
    assertThat(plan(opts().width(300).height(600).dpr(2).extendAspectRatio(ear)).result())
        .isEqualTo(new Size(200, 400));
  }

  @Test
  void zoomMultipliesTheScale() {
    assertThat(plan(opts().zoomX(0.5).zoomY(0.5)).result()).isEqualTo(new Size(100, 50));
    assertThat(plan(opts().zoomX(0.5).zoomY(1)).result()).isEqualTo(new Size(100, 100));
    assertThat(plan(opts().zoomX(2).zoomY(2)).result()).isEqualTo(new Size(200, 100));
    assertThat(plan(opts().zoomX(2).zoomY(2).enlarge(true)).result()).isEqualTo(new Size(400, 200));
    assertThat(plan(opts().width(100).zoomX(0.5).zoomY(0.5)).result()).isEqualTo(new Size(50, 25));
  }

  @Test
  void minWidthEnlargesEvenWithoutEnlarge() {
    GeometryPlan p = plan(opts().minWidth(300));
    assertThat(p.result()).isEqualTo(new Size(300, 150));
  }

  @Test
  void minWidthAndMinHeightRaiseASmallFit() {
    assertThat(plan(opts().width(0).height(25)).result()).isEqualTo(new Size(50, 25));
    assertThat(plan(opts().height(10).minWidth(100)).result()).isEqualTo(new Size(100, 10));
    assertThat(plan(opts().width(50).minHeight(50)).result()).isEqualTo(new Size(50, 50));
    assertThat(plan(opts().width(50).minHeight(50)).scaled()).isEqualTo(new Size(100, 50));
    assertThat(plan(opts().minHeight(150)).result()).isEqualTo(new Size(300, 150));
  }

  @ParameterizedTest(name = "rotate {0}")
  @CsvSource({"0, 200, 100", "90, 100, 200", "180, 200, 100", "270, 100, 200", "-90, 100, 200"})
  void rotateSwapsAtNinetyAndTwoSeventy(int rotate, int w, int h) {
    GeometryPlan p = plan(opts().rotate(rotate));
    assertThat(p.result()).isEqualTo(new Size(w, h));
    assertThat(p.swapped()).isEqualTo(w == 100);
  }

  @Test
  void rotateAppliesBeforeTheTargetBox() {
    // oriented 100x200 fitted into 50x50 -> 25x50
    GeometryPlan p = plan(opts().rotate(90).width(50).height(50));
    assertThat(p.result()).isEqualTo(new Size(25, 50));
    assertThat(p.sourceWScale()).isEqualTo(p.hscale());
  }

  @ParameterizedTest(name = "EXIF {0}")
  @CsvSource({
    "1, 200, 100", "2, 200, 100", "3, 200, 100", "4, 200, 100",
    "5, 100, 200", "6, 100, 200", "7, 100, 200", "8, 100, 200", "0, 200, 100", "9, 200, 100"
  })
  void exifOrientationsFiveToEightSwap(int exif, int w, int h) {
    GeometryPlan p = Geometry.plan(200, 100, exif, opts().build(), false);
    assertThat(p.result()).isEqualTo(new Size(w, h));
  }

  @Test
  void exifIsIgnoredWithoutAutoRotate() {
    GeometryPlan p = Geometry.plan(200, 100, 6, opts().autoRotate(false).build(), false);
    assertThat(p.orientation()).isEqualTo(Orientation.NONE);
    assertThat(p.result()).isEqualTo(new Size(200, 100));
  }

  @Test
  void exifAndRotateCombine() {
    // EXIF 6 (90) + rotate 90 = 180: no swap
    GeometryPlan p = Geometry.plan(200, 100, 6, opts().rotate(90).build(), false);
    assertThat(p.swapped()).isFalse();
    assertThat(p.result()).isEqualTo(new Size(200, 100));
  }

  @Test
  void forceWithZeroKeepsThatSide() {
    assertThat(plan(opts().resizingType(ResizingType.FORCE).width(100).height(0)).result())
        .isEqualTo(new Size(100, 100));
    assertThat(plan(opts().resizingType(ResizingType.FORCE).width(0).height(50)).result())
        .isEqualTo(new Size(200, 50));
    assertThat(plan(opts().resizingType(ResizingType.FORCE).width(100).height(50)).result())
        .isEqualTo(new Size(100, 50));
    assertThat(plan(opts().resizingType(ResizingType.FORCE).width(150).height(20)).result())
        .isEqualTo(new Size(150, 20));
  }

  @Test
  void forceWithoutEnlargeKeepsTheRequestedRatioInsideTheSource() {
    assertThat(plan(opts().resizingType(ResizingType.FORCE).width(100).height(300)).result())
        .isEqualTo(new Size(33, 100));
  }

  @Test
  void autoFillsWhenOrientationsMatchAndFitsOtherwise() {
    ProcessingOptions.Builder auto = opts().resizingType(ResizingType.AUTO);
    // landscape source, square counts as landscape -> fill
    assertThat(plan(auto.width(100).height(100)).result()).isEqualTo(new Size(100, 100));
    // landscape source, portrait box -> fit
    assertThat(plan(auto.width(50).height(100)).result()).isEqualTo(new Size(50, 25));
    // portrait source (EXIF 6): landscape box -> fit, portrait box -> fill
    assertThat(Geometry.plan(200, 100, 6, auto.width(100).height(50).build(), false).result())
        .isEqualTo(new Size(25, 50));
    assertThat(Geometry.plan(200, 100, 6, auto.width(50).height(80).build(), false).result())
        .isEqualTo(new Size(50, 80));
  }

  @Test
  void vectorSourcesEnlargeWithoutEnlarge() {
    ProcessingOptions o = opts().width(400).height(400).build();
    assertThat(Geometry.plan(200, 100, 1, o, true).result()).isEqualTo(new Size(400, 200));
    assertThat(Geometry.plan(200, 100, 1, o, false).result()).isEqualTo(new Size(200, 100));
  }

  @Test
  void mrdDownscalesPaddingAndExtendToo() {
    SecurityLimits mrd100 = new SecurityLimits(50_000_000d, 0, 1, 0, 100);
    GeometryPlan ext =
        plan(opts().width(400).height(200).extend(new Extend(true, Gravity.CENTER)).limits(mrd100));
    assertThat(ext.maxResultDownscale()).isEqualTo(0.25);
    assertThat(ext.result()).isEqualTo(new Size(100, 50));

    GeometryPlan pad = plan(opts().padding(new Padding(0, 200, 0, 0)).limits(mrd100));
    assertThat(pad.result().width()).isLessThanOrEqualTo(100);
    assertThat(pad.result()).isEqualTo(new Size(100, 25));
  }

  @Test
  void mrdNeverShrinksBelowOnePixel() {
    GeometryPlan p =
        plan(
            opts()
                .padding(new Padding(0, 10_000, 0, 0))
                .limits(new SecurityLimits(50_000_000d, 0, 1, 0, 10)));
    assertThat(p.scaled().width()).isGreaterThanOrEqualTo(1);
    assertThat(p.scaled().height()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void fillDownShrinksTheResultBoxToTheTargetRatio() {
    GeometryPlan p = plan(opts().resizingType(ResizingType.FILL_DOWN).width(300).height(125));
    assertThat(p.target()).isEqualTo(new Size(300, 125));
    assertThat(p.resultCrop()).isEqualTo(new Size(200, 83));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void rejectsEmptySources(int side) {
    assertThatThrownBy(() -> Geometry.plan(side, 100, 1, opts().build(), false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shrinkOnLoadFactor() {
    assertThat(plan(opts().width(100)).jpegShrink()).isEqualTo(2);
    assertThat(plan(opts().width(50)).jpegShrink()).isEqualTo(4);
    assertThat(plan(opts().width(30)).jpegShrink()).isEqualTo(4);
    assertThat(plan(opts().width(20)).jpegShrink()).isEqualTo(8);
    assertThat(plan(opts().width(150)).jpegShrink()).isEqualTo(1);
    assertThat(plan(opts().width(50)).shrinkOnLoadScale()).isEqualTo(0.25);
  }
}
