package io.imgrid.app.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsLoad;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPngFilter;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import io.imgrid.worker.vips.VipsUnavailableException;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.worker.vips.LoadOptions;

/** Images made with libvips at test time (nothing binary is checked in), and a probe for results. */
final class TestImages {
  private TestImages() {}

  /** Initialises libvips, failing the test with the install hint when it is missing. */
  static void requireVips() {
    try {
      Vips.init();
    } catch (VipsUnavailableException e) {
      fail("libvips is required for these tests: apt-get install -y libvips42 (" + e.getMessage() + ")");
    }
  }

  /** A noisy colour JPEG. */
  static byte[] jpeg(int width, int height) {
    requireVips();
    try (VipsScope scope = new VipsScope()) {
      return VipsSave.jpeg(rgb(scope, width, height), new VipsSave.Jpeg(85, false, false, VipsSave.Keep.NONE));
    }
  }

  /** A noisy colour PNG, with an alpha band when {@code alpha}. */
  static byte[] png(int width, int height, boolean alpha) {
    requireVips();
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = rgb(scope, width, height);
      if (alpha) {
        image = VipsOps.bandjoinConst(image, new double[] {200});
      }
      return VipsSave.png(
          image, new VipsSave.Png(VipsPngFilter.NONE, false, false, 8, 100, VipsSave.Keep.NONE));
    }
  }

  private static VipsImage rgb(VipsScope scope, int width, int height) {
    VipsImage noise = VipsOps.gaussnoise(scope, width, height, 128, 40);
    VipsImage three =
        VipsOps.linear(
            VipsOps.bandjoinConst(VipsOps.bandjoinConst(noise, new double[] {0}), new double[] {0}),
            new double[] {1, 0, 0},
            new double[] {0, 90, 200});
    return VipsOps.cast(three, VipsBandFormat.UCHAR);
  }

  /** Width, height and loader format of an encoded image, read with libvips. */
  record Info(int width, int height, int bands) {}

  static Info info(byte[] encoded, ImageFormat format) {
    requireVips();
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsLoad.buffer(scope, format, encoded, LoadOptions.DEFAULT);
      return new Info(image.width(), image.height(), image.bands());
    }
  }
}
