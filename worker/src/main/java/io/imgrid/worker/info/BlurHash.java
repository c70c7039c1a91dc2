package io.imgrid.worker.info;

/**
 * BlurHash (Wolt, https://blurha.sh): an image as a few cosine components in linear light,
 * written in base 83. This is the reference algorithm's encoder, step for step, so the string
 * equals the reference implementation's (npm {@code blurhash}) for the same pixels; the test
 * checks that on vectors the reference computed.
 */
public final class BlurHash {
  private static final String DIGITS =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

  private BlurHash() {}

  /**
   * Encodes straight 8-bit RGBA pixels (alpha ignored, as the reference does) row by row.
   *
   * @param componentsX horizontal components, 1..9
   * @param componentsY vertical components, 1..9
   * @throws IllegalArgumentException on components out of range or a short pixel array
   */
  public static String encode(byte[] rgba, int width, int height, int componentsX, int componentsY) {
    if (componentsX < 1 || componentsX > 9 || componentsY < 1 || componentsY > 9) {
      throw new IllegalArgumentException("BlurHash components must be 1 to 9");
    }
    if (width < 1 || height < 1 || rgba.length != width * height * 4) {
      throw new IllegalArgumentException("expected " + width * height * 4 + " bytes of RGBA");
    }
    double[] linear = toLinear(rgba);
    double[][] factors = new double[componentsX * componentsY][];
    for (int j = 0; j < componentsY; j++) {
      for (int i = 0; i < componentsX; i++) {
        factors[j * componentsX + i] = factor(linear, width, height, i, j);
      }
    }
    StringBuilder hash = new StringBuilder();
    base83(hash, (componentsX - 1) + (componentsY - 1) * 9, 1);
    double maximum = 1;
    if (factors.length > 1) {
      // The largest AC value, not the largest magnitude: so the reference implementation on npm
      // (TypeScript) does, and the strings must match it. Wolt's C encoder takes magnitudes; the
      // two differ only when the strongest component is negative, and every decoder reads both.
      double actualMax = Double.NEGATIVE_INFINITY;
      for (int k = 1; k < factors.length; k++) {
        for (double c : factors[k]) {
          actualMax = Math.max(actualMax, c);
        }
      }
      int quantisedMax = (int) Math.floor(Math.max(0, Math.min(82, Math.floor(actualMax * 166 - 0.5))));
      maximum = (quantisedMax + 1) / 166.0;
      base83(hash, quantisedMax, 1);
    } else {
      base83(hash, 0, 1);
    }
    double[] dc = factors[0];
    base83(hash, (toSrgb(dc[0]) << 16) + (toSrgb(dc[1]) << 8) + toSrgb(dc[2]), 4);
    for (int k = 1; k < factors.length; k++) {
      double[] c = factors[k];
      base83(hash, quantise(c[0], maximum) * 19 * 19 + quantise(c[1], maximum) * 19
          + quantise(c[2], maximum), 2);
    }
    return hash.toString();
  }

  private static double[] toLinear(byte[] rgba) {
    double[] table = new double[256];
    for (int v = 0; v < 256; v++) {
      double s = v / 255.0;
      table[v] = s <= 0.04045 ? s / 12.92 : StrictMath.pow((s + 0.055) / 1.055, 2.4);
    }
    double[] linear = new double[rgba.length / 4 * 3];
    for (int i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      linear[j] = table[rgba[i] & 0xff];
      linear[j + 1] = table[rgba[i + 1] & 0xff];
      linear[j + 2] = table[rgba[i + 2] & 0xff];
    }
    return linear;
  }

  private static double[] factor(double[] linear, int width, int height, int i, int j) {
    double r = 0, g = 0, b = 0;
    double normalisation = (i == 0 && j == 0) ? 1 : 2;
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        double basis = normalisation * StrictMath.cos(Math.PI * i * x / width)
            * StrictMath.cos(Math.PI * j * y / height);
        int p = (y * width + x) * 3;
        r += basis * linear[p];
        g += basis * linear[p + 1];
        b += basis * linear[p + 2];
      }
    }
    double scale = 1.0 / (width * height);
    return new double[] {r * scale, g * scale, b * scale};
  }

  private static int toSrgb(double value) {
    double v = Math.max(0, Math.min(1, value));
    return v <= 0.0031308
        ? (int) (v * 12.92 * 255 + 0.5)
        : (int) ((1.055 * StrictMath.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
  }

  private static int quantise(double value, double maximum) {
    double v = value / maximum;
    double signPow = Math.copySign(StrictMath.pow(Math.abs(v), 0.5), v);
    return (int) Math.floor(Math.max(0, Math.min(18, Math.floor(signPow * 9 + 9.5))));
  }

  private static void base83(StringBuilder out, int value, int length) {
    for (int i = 1; i <= length; i++) {
      int digit = (int) (value / (long) Math.pow(83, length - i)) % 83;
      out.append(DIGITS.charAt(digit));
    }
  }
}
