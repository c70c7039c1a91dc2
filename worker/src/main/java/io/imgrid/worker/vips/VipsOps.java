package io.imgrid.worker.vips;

import java.util.Objects;

/**
 * The typed libvips operations imgrid's pipeline uses. Each is one {@link VipsOperation} call; its
 * result belongs to the scope of its (first) input. Arguments are checked by the binding against
 * libvips' declared types and ranges, so misuse is an {@link IllegalArgumentException}.
 */
public final class VipsOps {
  private VipsOps() {}

  /** The box {@code find_trim} reports; empty (0×0) when the whole image is background. */
  public record TrimBox(int left, int top, int width, int height) {}

  /** A black image: a generator for tests, probes and canvases. */
  public static VipsImage black(VipsScope scope, int width, int height, int bands) {
    return VipsOperation.call(scope, "black")
        .set("width", width)
        .set("height", height)
        .set("bands", bands)
        .outputImage("out");
  }

  /** Gaussian noise (float, one band): a generator for tests. */
  public static VipsImage gaussnoise(VipsScope scope, int width, int height, double mean,
      double sigma) {
    return VipsOperation.call(scope, "gaussnoise")
        .set("width", width)
        .set("height", height)
        .set("mean", mean)
        .set("sigma", sigma)
        .outputImage("out");
  }

  /** {@code vips_resize}: scale horizontally by {@code scale}, vertically by {@code vscale}. */
  public static VipsImage resize(VipsImage in, double scale, double vscale, VipsKernel kernel) {
    return op(in, "resize")
        .set("scale", scale)
        .set("vscale", vscale)
        .set("kernel", Objects.requireNonNull(kernel, "kernel == null"))
        .outputImage("out");
  }

  public static VipsImage extractArea(VipsImage in, int left, int top, int width, int height) {
    return VipsOperation.call(in.scope(), "extract_area")
        .input("input", in)
        .set("left", left)
        .set("top", top)
        .set("width", width)
        .set("height", height)
        .outputImage("out");
  }

  /**
   * Places {@code in} at (x, y) on a {@code width}×{@code height} canvas; {@code background} (one
   * value per band) applies with {@link VipsExtend#BACKGROUND}.
   */
  public static VipsImage embed(VipsImage in, int x, int y, int width, int height,
      VipsExtend extend, double[] background) {
    VipsOperation op =
        op(in, "embed")
            .set("x", x)
            .set("y", y)
            .set("width", width)
            .set("height", height)
            .set("extend", Objects.requireNonNull(extend, "extend == null"));
    if (background != null) {
      op.set("background", background);
    }
    return op.outputImage("out");
  }

  public static VipsImage rot(VipsImage in, VipsAngle angle) {
    return op(in, "rot").set("angle", Objects.requireNonNull(angle, "angle == null"))
        .outputImage("out");
  }

  public static VipsImage flip(VipsImage in, VipsDirection direction) {
    return op(in, "flip")
        .set("direction", Objects.requireNonNull(direction, "direction == null"))
        .outputImage("out");
  }

  public static VipsImage gaussblur(VipsImage in, double sigma) {
    return op(in, "gaussblur").set("sigma", sigma).outputImage("out");
  }

  public static VipsImage sharpen(VipsImage in, double sigma) {
    return op(in, "sharpen").set("sigma", sigma).outputImage("out");
  }

  /** Removes alpha by blending onto {@code background} (one value per colour band). */
  public static VipsImage flatten(VipsImage in, double[] background) {
    return op(in, "flatten").set("background", background).outputImage("out");
  }

  public static VipsImage premultiply(VipsImage in) {
    return op(in, "premultiply").outputImage("out");
  }

  public static VipsImage unpremultiply(VipsImage in) {
    return op(in, "unpremultiply").outputImage("out");
  }

  /** Composites {@code overlay} over {@code base} at (x, y). */
  public static VipsImage composite2(VipsImage base, VipsImage overlay, VipsBlendMode mode,
      int x, int y) {
    Objects.requireNonNull(base, "base == null");
    return VipsOperation.call(base.scope(), "composite2")
        .input("base", base)
        .input("overlay", Objects.requireNonNull(overlay, "overlay == null"))
        .set("mode", Objects.requireNonNull(mode, "mode == null"))
        .set("x", x)
        .set("y", y)
        .outputImage("out");
  }

  public static VipsImage smartcrop(VipsImage in, int width, int height,
      VipsInteresting interesting) {
    return VipsOperation.call(in.scope(), "smartcrop")
        .input("input", in)
        .set("width", width)
        .set("height", height)
        .set("interesting", Objects.requireNonNull(interesting, "interesting == null"))
        .outputImage("out");
  }

  /** {@code find_trim}: the box of non-background pixels; {@code background} may be null (auto). */
  public static TrimBox findTrim(VipsImage in, double threshold, double[] background) {
    VipsOperation op = op(in, "find_trim").set("threshold", threshold);
    if (background != null) {
      op.set("background", background);
    }
    VipsOperation.Outputs out = op.run("left", "top", "width", "height");
    return new TrimBox(out.integer("left"), out.integer("top"), out.integer("width"),
        out.integer("height"));
  }

  public static VipsImage colourspace(VipsImage in, VipsInterpretation space) {
    return op(in, "colourspace").set("space", Objects.requireNonNull(space, "space == null"))
        .outputImage("out");
  }

  /**
   * Imports to PCS with the embedded profile, falling back to {@code inputProfile} (a file path or
   * a built-in name such as {@code srgb}/{@code cmyk}) when there is none.
   */
  public static VipsImage iccImport(VipsImage in, String inputProfile, VipsIntent intent) {
    VipsOperation op = op(in, "icc_import").set("embedded", true)
        .set("intent", Objects.requireNonNull(intent, "intent == null"));
    if (inputProfile != null) {
      op.set("input-profile", inputProfile);
    }
    return op.outputImage("out");
  }

  /** Exports from PCS to {@code outputProfile} at {@code depth} bits (8 or 16). */
  public static VipsImage iccExport(VipsImage in, String outputProfile, int depth,
      VipsIntent intent) {
    return op(in, "icc_export")
        .set("output-profile", Objects.requireNonNull(outputProfile, "outputProfile == null"))
        .set("depth", depth)
        .set("intent", Objects.requireNonNull(intent, "intent == null"))
        .outputImage("out");
  }

  /** Transforms from the embedded profile (else {@code inputProfile}) to {@code outputProfile}. */
  public static VipsImage iccTransform(VipsImage in, String outputProfile, String inputProfile,
      VipsIntent intent) {
    VipsOperation op = op(in, "icc_transform")
        .set("output-profile", Objects.requireNonNull(outputProfile, "outputProfile == null"))
        .set("embedded", true)
        .set("intent", Objects.requireNonNull(intent, "intent == null"));
    if (inputProfile != null) {
      op.set("input-profile", inputProfile);
    }
    return op.outputImage("out");
  }

  public static VipsImage cast(VipsImage in, VipsBandFormat format) {
    return op(in, "cast").set("format", Objects.requireNonNull(format, "format == null"))
        .outputImage("out");
  }

  /** Appends constant bands, e.g. an opaque alpha: {@code bandjoinConst(rgb, new double[]{255})}. */
  public static VipsImage bandjoinConst(VipsImage in, double[] constants) {
    return op(in, "bandjoin_const").set("c", constants).outputImage("out");
  }

  /** {@code out = in * a + b}, per band (one value broadcasts). */
  public static VipsImage linear(VipsImage in, double[] a, double[] b) {
    return op(in, "linear").set("a", a).set("b", b).outputImage("out");
  }

  /** A new image object sharing the pixels: the safe target for metadata edits. */
  public static VipsImage copy(VipsImage in) {
    return op(in, "copy").outputImage("out");
  }

  /** Joins images into a grid {@code across} wide, e.g. animation frames into one tall strip. */
  public static VipsImage arrayjoin(VipsImage[] images, int across) {
    Objects.requireNonNull(images, "images == null");
    if (images.length == 0) {
      throw new IllegalArgumentException("images is empty");
    }
    return VipsOperation.call(images[0].scope(), "arrayjoin")
        .input("in", images)
        .set("across", across)
        .outputImage("out");
  }

  public static VipsImage extractBand(VipsImage in, int band, int n) {
    return op(in, "extract_band").set("band", band).set("n", n).outputImage("out");
  }

  private static VipsOperation op(VipsImage in, String name) {
    Objects.requireNonNull(in, "in == null");
    return VipsOperation.call(in.scope(), name).input("in", in);
  }
}
