package io.imgrid.worker.vips;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VipsOpsTest {
  @BeforeAll
  static void init() {
    VipsTesting.init();
  }

  @Test
  void geometryOperations() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsTesting.rgb(scope, 60, 40);
      assertThat(VipsOps.resize(in, 0.5, 0.25, VipsKernel.LANCZOS3).height()).isEqualTo(10);
      VipsImage area = VipsOps.extractArea(in, 5, 5, 10, 20);
      assertThat(area.width()).isEqualTo(10);
      assertThat(area.height()).isEqualTo(20);
      VipsImage embedded = VipsOps.embed(in, 10, 10, 100, 80, VipsExtend.BACKGROUND,
          new double[] {255, 0, 0});
      assertThat(embedded.width()).isEqualTo(100);
      assertThat(VipsOps.rot(in, VipsAngle.D90).width()).isEqualTo(40);
      assertThat(VipsOps.flip(in, VipsDirection.HORIZONTAL).width()).isEqualTo(60);
      VipsImage cropped = VipsOps.smartcrop(in, 20, 20, VipsInteresting.ATTENTION);
      assertThat(cropped.width()).isEqualTo(20);
      VipsImage grid = VipsOps.arrayjoin(new VipsImage[] {in, in, in, in}, 2);
      assertThat(grid.width()).isEqualTo(120);
      assertThat(grid.height()).isEqualTo(80);
    }
  }

  @Test
  void findTrimLocatesTheContent() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage box = VipsOps.linear(VipsOps.black(scope, 10, 6, 3), new double[] {1},
          new double[] {255});
      VipsImage framed = VipsOps.cast(VipsOps.embed(box, 7, 3, 30, 20, VipsExtend.BLACK, null),
          VipsBandFormat.UCHAR);
      VipsOps.TrimBox trim = VipsOps.findTrim(framed, 10, new double[] {0, 0, 0});
      assertThat(trim).isEqualTo(new VipsOps.TrimBox(7, 3, 10, 6));
    }
  }

  @Test
  void pixelAndColourOperations() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsTesting.rgb(scope, 32, 32);
      assertThat(VipsOps.gaussblur(in, 2).width()).isEqualTo(32);
      assertThat(VipsOps.sharpen(in, 1).width()).isEqualTo(32);
      VipsImage rgba = VipsOps.bandjoinConst(in, new double[] {200});
      assertThat(rgba.hasAlpha()).isTrue();
      VipsImage pre = VipsOps.premultiply(rgba);
      assertThat(pre.format()).isEqualTo(VipsBandFormat.FLOAT);
      assertThat(VipsOps.unpremultiply(pre).bands()).isEqualTo(4);
      assertThat(VipsOps.flatten(rgba, new double[] {255, 255, 255}).bands()).isEqualTo(3);
      VipsImage over = VipsOps.composite2(in, rgba, VipsBlendMode.OVER, 4, 4);
      assertThat(over.bands()).isEqualTo(4);
      assertThat(VipsOps.colourspace(in, VipsInterpretation.B_W).bands()).isEqualTo(1);
      assertThat(VipsOps.extractBand(rgba, 3, 1).bands()).isEqualTo(1);
      assertThat(VipsOps.cast(in, VipsBandFormat.USHORT).format())
          .isEqualTo(VipsBandFormat.USHORT);
      VipsImage srgb = VipsOps.iccTransform(in, "srgb", "srgb", VipsIntent.RELATIVE);
      assertThat(srgb.bands()).isEqualTo(3);
      VipsImage pcs = VipsOps.iccImport(in, "srgb", VipsIntent.PERCEPTUAL);
      assertThat(VipsOps.iccExport(pcs, "srgb", 8, VipsIntent.PERCEPTUAL).format())
          .isEqualTo(VipsBandFormat.UCHAR);
      assertThat(VipsSave.toPixels(srgb)).hasSize(32 * 32 * 3);
    }
  }
}
