package io.imgrid.worker.vips;

import io.imgrid.worker.TestImages;

/** Initialises the real libvips for tests, failing (never skipping) with the install hint. */
final class VipsTesting {
  private VipsTesting() {}

  static void init() {
    TestImages.init();
  }

  /** A 3-band sRGB uchar test image with a gradient, so encoders have something to encode. */
  static VipsImage rgb(VipsScope scope, int width, int height) {
    VipsImage noise = VipsOps.gaussnoise(scope, width, height, 128, 30);
    VipsImage bands = VipsOperation.call(scope, "bandjoin")
        .input("in", new VipsImage[] {noise, noise, noise})
        .outputImage("out");
    VipsImage rgb = VipsOps.cast(bands, VipsBandFormat.UCHAR);
    return VipsOperation.call(scope, "copy")
        .input("in", rgb)
        .set("interpretation", VipsInterpretation.SRGB)
        .outputImage("out");
  }
}
