package io.imgrid.worker;

import static org.assertj.core.api.Assertions.fail;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.LibvipsConfig;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.worker.vips.LoadOptions;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsExtend;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsLoad;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPipelineOps;
import io.imgrid.worker.vips.VipsPngFilter;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsUnavailableException;
import java.nio.file.Path;
import java.util.Optional;

/** Test images generated with the real libvips, and pixel probes. Never reads files. */
public final class TestImages {
  private TestImages() {}

  /**
   * Initialises libvips from where the product would load it ({@code IMGRID_LIBVIPS_PATH}, else
   * the system's), so the suite can run on another build; fails (never skips) with the install
   * hint.
   */
  public static void init() {
    try {
      Vips.init(libvipsConfig());
    } catch (VipsUnavailableException e) {
      fail("libvips is required for these tests: apt-get install -y libvips42 (" + e.getMessage()
          + ")", e);
    }
  }

  /**
   * {@code IMGRID_LIBVIPS_PATH} and {@code IMGRID_LIBVIPS_VECTOR} as the product reads them: the
   * system's libvips and the default vector policy when unset.
   */
  public static LibvipsConfig libvipsConfig() {
    return LibvipsConfig.from(Env.system());
  }

  /** {@code IMGRID_LIBVIPS_PATH} as the product reads it; empty = the system's libvips. */
  public static Optional<Path> libvipsLocation() {
    return libvipsConfig().path();
  }

  /** A solid 8-bit sRGB image. */
  public static VipsImage solid(VipsScope scope, int w, int h, int r, int g, int b) {
    VipsImage black = VipsOps.black(scope, w, h, 3);
    VipsImage rgb = VipsOps.linear(black, new double[] {1}, new double[] {r, g, b});
    return VipsPipelineOps.withInterpretation(VipsOps.cast(rgb, VipsBandFormat.UCHAR),
        VipsInterpretation.SRGB);
  }

  /** A solid image with an alpha band of {@code alpha}. */
  public static VipsImage solidAlpha(VipsScope scope, int w, int h, int r, int g, int b,
      int alpha) {
    return VipsOps.bandjoinConst(solid(scope, w, h, r, g, b), new double[] {alpha});
  }

  /** {@code inner} placed at (x, y) on {@code outer}'s canvas (same bands). */
  public static VipsImage place(VipsImage outer, VipsImage inner, int x, int y) {
    VipsImage canvas = VipsOps.embed(inner, x, y, outer.width(), outer.height(),
        VipsExtend.BLACK, null);
    VipsImage mask = VipsOps.embed(
        VipsOps.linear(VipsOps.black(inner.scope(), inner.width(), inner.height(), 1),
            new double[] {1}, new double[] {255}),
        x, y, outer.width(), outer.height(), VipsExtend.BLACK, null);
    VipsImage out = io.imgrid.worker.vips.VipsOperation.call(outer.scope(), "ifthenelse")
        .input("cond", VipsOps.cast(mask, VipsBandFormat.UCHAR))
        .input("in1", canvas)
        .input("in2", outer)
        .outputImage("out");
    return VipsPipelineOps.withInterpretation(VipsOps.cast(out, VipsBandFormat.UCHAR),
        outer.interpretation());
  }

  public static byte[] png(VipsImage image) {
    return VipsSave.png(image,
        new VipsSave.Png(VipsPngFilter.NONE, false, false, 8, 100, VipsSave.Keep.NONE));
  }

  public static byte[] jpeg(VipsImage image) {
    return VipsSave.jpeg(image, new VipsSave.Jpeg(95, false, false, VipsSave.Keep.ALL));
  }

  /** Loads encoded bytes (any libvips-loadable format, all pages when {@code allPages}). */
  public static VipsImage load(VipsScope scope, ImageFormat format, byte[] bytes,
      boolean allPages) {
    LoadOptions o = allPages ? LoadOptions.DEFAULT.withPages(0, -1) : LoadOptions.DEFAULT;
    return VipsLoad.buffer(scope, format, bytes, o);
  }

  /** The pixel at (x, y), as ints. */
  public static int[] pixel(VipsImage image, int x, int y) {
    double[] d = VipsPipelineOps.getpoint(image, x, y);
    int[] out = new int[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (int) Math.round(d[i]);
    }
    return out;
  }

  /** Whether the pixel's RGB is within {@code tolerance} of (r, g, b). */
  public static boolean near(int[] px, int r, int g, int b, int tolerance) {
    return Math.abs(px[0] - r) <= tolerance && Math.abs(px[1] - g) <= tolerance
        && Math.abs(px[2] - b) <= tolerance;
  }
}
