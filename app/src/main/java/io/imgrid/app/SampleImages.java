package io.imgrid.app;

import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsInterpretation;
import io.imgrid.worker.vips.VipsOperation;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPngFilter;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sample images made with libvips when no {@code IMGPROXY_LOCAL_FILESYSTEM_ROOT} is set, so the
 * quick start ({@code /unsafe/rs:fill:400:300/plain/local:///sample.jpg}) works out of the box
 * and nothing binary ships in the repository:
 *
 * <ul>
 *   <li>{@code sample.jpg}: a photo-like 1600×1200 JPEG (colour gradients, sine texture, a zone
 *       plate, a disc and Gaussian noise, so encoders see detail as in a photograph);
 *   <li>{@code sample.png}: an 800×600 PNG with a graded alpha channel.
 * </ul>
 *
 * {@link io.imgrid.worker.vips.Vips#init} must have run.
 */
public final class SampleImages {
  public static final String JPEG = "sample.jpg";
  public static final String PNG = "sample.png";

  private SampleImages() {}

  /** Writes the samples into {@code dir} (created if needed) and returns {@code dir}. */
  public static Path generate(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (VipsScope scope = new VipsScope()) {
      VipsImage photo = photo(scope, 1600, 1200);
      write(dir.resolve(JPEG), VipsSave.jpeg(photo, new VipsSave.Jpeg(85, true, false, VipsSave.Keep.NONE)));
      VipsImage rgb = photo(scope, 800, 600);
      VipsImage alpha = gradient(scope, 800, 600, 1, 255.0 / 600, 0);
      VipsImage rgba =
          VipsOps.cast(
              VipsOperation.call(scope, "bandjoin")
                  .input("in", new VipsImage[] {rgb, alpha})
                  .outputImage("out"),
              VipsBandFormat.UCHAR);
      write(
          dir.resolve(PNG),
          VipsSave.png(
              rgba,
              new VipsSave.Png(VipsPngFilter.NONE, false, false, 8, 100, VipsSave.Keep.NONE)));
    }
    return dir;
  }

  /** A width×height sRGB uchar image that looks like a (busy) photograph. */
  static VipsImage photo(VipsScope scope, int width, int height) {
    VipsImage red = gradient(scope, width, height, 0, 200.0 / width, 30);
    VipsImage green = gradient(scope, width, height, 1, 180.0 / height, 40);
    VipsImage zone =
        VipsOperation.call(scope, "zone").set("width", width).set("height", height).outputImage("out");
    VipsImage blue = VipsOps.linear(zone, new double[] {60}, new double[] {120});
    VipsImage sines =
        VipsOperation.call(scope, "sines")
            .set("width", width)
            .set("height", height)
            .set("hfreq", 7.0)
            .set("vfreq", 3.0)
            .outputImage("out");
    VipsImage texture = VipsOps.linear(sines, new double[] {25}, new double[] {0});
    VipsImage rgb =
        VipsOperation.call(scope, "bandjoin")
            .input("in", new VipsImage[] {add(scope, red, texture), green, blue})
            .outputImage("out");
    VipsImage noise = VipsOps.gaussnoise(scope, width, height, 0, 12);
    VipsImage noisy = add(scope, rgb, noise);
    VipsImage disc = disc(scope, width, height);
    VipsImage withDisc =
        VipsOperation.call(scope, "ifthenelse")
            .input("cond", disc)
            .input("in1", VipsOps.linear(noisy, new double[] {0.4, 0.4, 0.4}, new double[] {150, 20, 40}))
            .input("in2", noisy)
            .outputImage("out");
    VipsImage out = VipsOps.cast(withDisc, VipsBandFormat.UCHAR);
    return VipsOperation.call(scope, "copy")
        .input("in", out)
        .set("interpretation", VipsInterpretation.SRGB)
        .outputImage("out");
  }

  /** Band {@code axis} (0 = x, 1 = y) of a coordinate image, times {@code scale} plus {@code offset}. */
  private static VipsImage gradient(
      VipsScope scope, int width, int height, int axis, double scale, double offset) {
    VipsImage xyz =
        VipsOperation.call(scope, "xyz").set("width", width).set("height", height).outputImage("out");
    return VipsOps.linear(VipsOps.extractBand(xyz, axis, 1), new double[] {scale}, new double[] {offset});
  }

  /** A mask (255 inside) of a disc at two thirds across, a quarter of the height in radius. */
  private static VipsImage disc(VipsScope scope, int width, int height) {
    VipsImage xyz =
        VipsOperation.call(scope, "xyz").set("width", width).set("height", height).outputImage("out");
    double cx = width * 2.0 / 3;
    double cy = height / 2.0;
    double r = height / 4.0;
    VipsImage centred = VipsOps.linear(xyz, new double[] {1, 1}, new double[] {-cx, -cy});
    VipsImage squared = VipsOperation.call(scope, "multiply").input("left", centred).input("right", centred).outputImage("out");
    VipsImage sum =
        add(scope, VipsOps.extractBand(squared, 0, 1), VipsOps.extractBand(squared, 1, 1));
    return VipsOperation.call(scope, "relational_const")
        .input("in", sum)
        .set("relational", "less")
        .set("c", new double[] {r * r})
        .outputImage("out");
  }

  private static VipsImage add(VipsScope scope, VipsImage left, VipsImage right) {
    return VipsOperation.call(scope, "add").input("left", left).input("right", right).outputImage("out");
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
