package io.imgrid.worker.vips;

import java.util.Objects;

/**
 * The few typed operations the processing pipeline needs beyond {@link VipsOps}: integer
 * shrink/zoom (pixelate), tiling (watermark replication), reading one pixel (trim's automatic
 * background) and re-tagging the interpretation of raw pixels from the Java decoders. Kept apart
 * from {@link VipsOps} so the binding's author can fold them in without a conflict.
 */
public final class VipsPipelineOps {
  private VipsPipelineOps() {}

  /** {@code shrink}: box-average by integer factors (no kernel), as imgproxy's pixelate uses. */
  public static VipsImage shrink(VipsImage in, double hshrink, double vshrink) {
    return op(in, "shrink").set("hshrink", hshrink).set("vshrink", vshrink).outputImage("out");
  }

  /** {@code zoom}: enlarge by repeating each pixel {@code xfac}×{@code yfac} times. */
  public static VipsImage zoom(VipsImage in, int xfac, int yfac) {
    return VipsOperation.call(in.scope(), "zoom")
        .input("input", in)
        .set("xfac", xfac)
        .set("yfac", yfac)
        .outputImage("out");
  }

  /** {@code replicate}: tiles the image {@code across}×{@code down} times. */
  public static VipsImage replicate(VipsImage in, int across, int down) {
    return op(in, "replicate").set("across", across).set("down", down).outputImage("out");
  }

  /** {@code getpoint}: the band values of one pixel. */
  public static double[] getpoint(VipsImage in, int x, int y) {
    return op(in, "getpoint").set("x", x).set("y", y).run("out-array").doubles("out-array");
  }

  /** A copy of {@code in} that declares another interpretation; the pixels are untouched. */
  public static VipsImage withInterpretation(VipsImage in, VipsInterpretation interpretation) {
    return op(in, "copy")
        .set("interpretation", Objects.requireNonNull(interpretation, "interpretation == null"))
        .outputImage("out");
  }

  private static VipsOperation op(VipsImage in, String name) {
    Objects.requireNonNull(in, "in == null");
    return VipsOperation.call(in.scope(), name).input("in", in);
  }
}
