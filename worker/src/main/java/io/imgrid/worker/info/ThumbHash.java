package io.imgrid.worker.info;

/**
 * ThumbHash (Evan Wallace, https://evanw.github.io/thumbhash/): a ~25-byte placeholder holding an
 * image's average colour, aspect ratio, alpha and a few DCT terms of its luminance, yellow–blue,
 * red–green and alpha channels. This is the reference algorithm's encoder, term for term, so the
 * bytes equal those of the reference implementation (npm {@code thumbhash}) for the same pixels;
 * the test checks that on vectors the reference computed.
 */
public final class ThumbHash {
  /** The largest side the algorithm accepts: bigger inputs gain nothing and cost time. */
  public static final int MAX_SIDE = 100;

  private ThumbHash() {}

  /**
   * Encodes straight (not premultiplied) 8-bit RGBA pixels, row by row.
   *
   * @throws IllegalArgumentException when a side is out of 1..{@value #MAX_SIDE} or the array
   *     does not hold {@code width * height * 4} bytes
   */
  public static byte[] encode(int width, int height, byte[] rgba) {
    if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new IllegalArgumentException(width + "x" + height + " does not fit in 100x100");
    }
    if (rgba.length != width * height * 4) {
      throw new IllegalArgumentException("expected " + width * height * 4 + " bytes of RGBA");
    }
    int n = width * height;
    double avgR = 0, avgG = 0, avgB = 0, avgA = 0;
    for (int i = 0, j = 0; i < n; i++, j += 4) {
      double alpha = u8(rgba[j + 3]) / 255.0;
      avgR += alpha / 255 * u8(rgba[j]);
      avgG += alpha / 255 * u8(rgba[j + 1]);
      avgB += alpha / 255 * u8(rgba[j + 2]);
      avgA += alpha;
    }
    if (avgA > 0) {
      avgR /= avgA;
      avgG /= avgA;
      avgB /= avgA;
    }
    boolean hasAlpha = avgA < n;
    int limit = hasAlpha ? 5 : 7;
    int longest = Math.max(width, height);
    int lx = (int) Math.max(1, Math.round((double) limit * width / longest));
    int ly = (int) Math.max(1, Math.round((double) limit * height / longest));

    double[] l = new double[n], p = new double[n], q = new double[n], a = new double[n];
    for (int i = 0, j = 0; i < n; i++, j += 4) {
      double alpha = u8(rgba[j + 3]) / 255.0;
      double r = avgR * (1 - alpha) + alpha / 255 * u8(rgba[j]);
      double g = avgG * (1 - alpha) + alpha / 255 * u8(rgba[j + 1]);
      double b = avgB * (1 - alpha) + alpha / 255 * u8(rgba[j + 2]);
      l[i] = (r + g + b) / 3;
      p[i] = (r + g) / 2 - b;
      q[i] = r - g;
      a[i] = alpha;
    }
    Channel lc = Channel.encode(l, width, height, Math.max(3, lx), Math.max(3, ly));
    Channel pc = Channel.encode(p, width, height, 3, 3);
    Channel qc = Channel.encode(q, width, height, 3, 3);
    Channel ac = hasAlpha ? Channel.encode(a, width, height, 5, 5) : null;

    boolean landscape = width > height;
    long header24 = Math.round(63 * lc.dc)
        | (Math.round(31.5 + 31.5 * pc.dc) << 6)
        | (Math.round(31.5 + 31.5 * qc.dc) << 12)
        | (Math.round(31 * lc.scale) << 18)
        | ((hasAlpha ? 1L : 0L) << 23);
    long header16 = (landscape ? ly : lx)
        | (Math.round(63 * pc.scale) << 3)
        | (Math.round(63 * qc.scale) << 9)
        | ((landscape ? 1L : 0L) << 15);
    int acStart = hasAlpha ? 6 : 5;
    int acCount = lc.ac.length + pc.ac.length + qc.ac.length + (hasAlpha ? ac.ac.length : 0);
    byte[] hash = new byte[acStart + (acCount + 1) / 2];
    hash[0] = (byte) header24;
    hash[1] = (byte) (header24 >> 8);
    hash[2] = (byte) (header24 >> 16);
    hash[3] = (byte) header16;
    hash[4] = (byte) (header16 >> 8);
    if (hasAlpha) {
      hash[5] = (byte) (Math.round(15 * ac.dc) | (Math.round(15 * ac.scale) << 4));
    }
    int index = 0;
    for (Channel channel : hasAlpha ? new Channel[] {lc, pc, qc, ac} : new Channel[] {lc, pc, qc}) {
      for (double f : channel.ac) {
        hash[acStart + (index >> 1)] |= (byte) (Math.round(15 * f) << ((index & 1) << 2));
        index++;
      }
    }
    return hash;
  }

  private static int u8(byte b) {
    return b & 0xff;
  }

  /** One channel's DC term, its AC terms normalised to 0..1, and the scale they were divided by. */
  private record Channel(double dc, double[] ac, double scale) {
    static Channel encode(double[] channel, int w, int h, int nx, int ny) {
      double dc = 0, scale = 0;
      double[] ac = new double[count(nx, ny)];
      int k = 0;
      double[] fx = new double[w];
      for (int cy = 0; cy < ny; cy++) {
        for (int cx = 0; cx * ny < nx * (ny - cy); cx++) {
          double f = 0;
          for (int x = 0; x < w; x++) {
            fx[x] = StrictMath.cos(Math.PI / w * cx * (x + 0.5));
          }
          for (int y = 0; y < h; y++) {
            double fy = StrictMath.cos(Math.PI / h * cy * (y + 0.5));
            for (int x = 0; x < w; x++) {
              f += channel[x + y * w] * fx[x] * fy;
            }
          }
          f /= w * h;
          if (cx > 0 || cy > 0) {
            ac[k++] = f;
            scale = Math.max(scale, Math.abs(f));
          } else {
            dc = f;
          }
        }
      }
      if (scale > 0) {
        for (int i = 0; i < ac.length; i++) {
          ac[i] = 0.5 + 0.5 / scale * ac[i];
        }
      }
      return new Channel(dc, ac, scale);
    }

    private static int count(int nx, int ny) {
      int terms = 0;
      for (int cy = 0; cy < ny; cy++) {
        for (int cx = 0; cx * ny < nx * (ny - cy); cx++) {
          terms++;
        }
      }
      return terms - 1;
    }
  }
}
