package io.imgrid.worker.info;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Modified median cut quantization (Bloomberg's MMCQ, the quantizer of color-thief and
 * Vibrant.js): the picture's colours, 5 bits per channel, in one box of RGB space, split at the
 * median of its longest side until there are as many boxes as colours wanted. The first 75 % of
 * the splits take the most populous box, the rest the box with the largest population times
 * volume, so a small but distinct colour still gets its own box. Each box answers with its
 * population-weighted mean colour.
 *
 * <p>Pixels under half opacity are left out (they are not what a viewer sees); so, with
 * {@code skipWhite}, are near-white ones (Vibrant's filter: a white page around a photo is not
 * one of its colours).
 */
final class MedianCut {
  private static final int BITS = 5;
  private static final int SIDE = 1 << BITS;
  private static final int SHIFT = 8 - BITS;
  private static final double FRACTION_BY_POPULATION = 0.75;

  /** One colour of the result and how many pixels it stands for. */
  record Swatch(int r, int g, int b, int population) {}

  private MedianCut() {}

  /**
   * Up to {@code maxColors} colours of straight RGBA pixels, most populous first; none when no
   * pixel counts.
   */
  static List<Swatch> quantize(byte[] rgba, int maxColors, boolean skipWhite) {
    if (maxColors < 1) {
      throw new IllegalArgumentException("maxColors < 1: " + maxColors);
    }
    int[] histogram = new int[SIDE * SIDE * SIDE];
    Box all = null;
    for (int i = 0; i + 3 < rgba.length; i += 4) {
      int r = rgba[i] & 0xff, g = rgba[i + 1] & 0xff, b = rgba[i + 2] & 0xff;
      if ((rgba[i + 3] & 0xff) < 128 || (skipWhite && r > 250 && g > 250 && b > 250)) {
        continue;
      }
      int qr = r >> SHIFT, qg = g >> SHIFT, qb = b >> SHIFT;
      histogram[index(qr, qg, qb)]++;
      all = all == null ? new Box(qr, qr, qg, qg, qb, qb) : all.including(qr, qg, qb);
    }
    if (all == null) {
      return List.of();
    }
    List<Box> boxes = new ArrayList<>();
    boxes.add(all.counted(histogram));
    int byPopulation = Math.max(1, (int) Math.ceil(FRACTION_BY_POPULATION * maxColors));
    split(boxes, histogram, byPopulation, Comparator.comparingLong(Box::population));
    split(boxes, histogram, maxColors,
        Comparator.comparingLong(box -> box.population() * box.volume()));
    List<Swatch> swatches = new ArrayList<>(boxes.size());
    for (Box box : boxes) {
      swatches.add(box.mean(histogram));
    }
    swatches.sort(Comparator.comparingInt(Swatch::population).reversed());
    return swatches;
  }

  /** Splits the box that ranks highest until there are {@code target} boxes or none can split. */
  private static void split(List<Box> boxes, int[] histogram, int target, Comparator<Box> rank) {
    PriorityQueue<Box> queue = new PriorityQueue<>(rank.reversed());
    queue.addAll(boxes);
    List<Box> unsplittable = new ArrayList<>();
    while (queue.size() + unsplittable.size() < target && !queue.isEmpty()) {
      Box box = queue.poll();
      Box[] halves = box.split(histogram);
      if (halves == null) {
        unsplittable.add(box);
      } else {
        queue.add(halves[0]);
        queue.add(halves[1]);
      }
    }
    boxes.clear();
    boxes.addAll(queue);
    boxes.addAll(unsplittable);
  }

  private static int index(int r, int g, int b) {
    return (r << (2 * BITS)) | (g << BITS) | b;
  }

  /** An inclusive box of quantized RGB space and the pixels in it. */
  private record Box(int r0, int r1, int g0, int g1, int b0, int b1, long population) {
    Box(int r0, int r1, int g0, int g1, int b0, int b1) {
      this(r0, r1, g0, g1, b0, b1, 0);
    }

    Box including(int r, int g, int b) {
      return new Box(Math.min(r0, r), Math.max(r1, r), Math.min(g0, g), Math.max(g1, g),
          Math.min(b0, b), Math.max(b1, b));
    }

    long volume() {
      return (long) (r1 - r0 + 1) * (g1 - g0 + 1) * (b1 - b0 + 1);
    }

    /** This box shrunk to the cells that hold pixels, with its population. */
    Box counted(int[] histogram) {
      int nr0 = SIDE, nr1 = -1, ng0 = SIDE, ng1 = -1, nb0 = SIDE, nb1 = -1;
      long n = 0;
      for (int r = r0; r <= r1; r++) {
        for (int g = g0; g <= g1; g++) {
          for (int b = b0; b <= b1; b++) {
            int c = histogram[index(r, g, b)];
            if (c > 0) {
              n += c;
              nr0 = Math.min(nr0, r);
              nr1 = Math.max(nr1, r);
              ng0 = Math.min(ng0, g);
              ng1 = Math.max(ng1, g);
              nb0 = Math.min(nb0, b);
              nb1 = Math.max(nb1, b);
            }
          }
        }
      }
      return new Box(nr0, nr1, ng0, ng1, nb0, nb1, n);
    }

    /**
     * The two halves either side of the median along the longest side, each shrunk to its
     * pixels; null when the box is one cell.
     */
    Box[] split(int[] histogram) {
      int rw = r1 - r0, gw = g1 - g0, bw = b1 - b0;
      if (rw == 0 && gw == 0 && bw == 0) {
        return null;
      }
      int axis = rw >= gw && rw >= bw ? 0 : gw >= bw ? 1 : 2;
      int lo = axis == 0 ? r0 : axis == 1 ? g0 : b0;
      int hi = axis == 0 ? r1 : axis == 1 ? g1 : b1;
      long[] planes = new long[hi - lo + 1];
      for (int r = r0; r <= r1; r++) {
        for (int g = g0; g <= g1; g++) {
          for (int b = b0; b <= b1; b++) {
            int at = axis == 0 ? r : axis == 1 ? g : b;
            planes[at - lo] += histogram[index(r, g, b)];
          }
        }
      }
      long seen = 0;
      int cut = lo;
      for (int i = 0; i < planes.length - 1; i++) { // the last plane always goes right
        seen += planes[i];
        cut = lo + i;
        if (2 * seen >= population) {
          break;
        }
      }
      Box left = axis == 0 ? new Box(r0, cut, g0, g1, b0, b1)
          : axis == 1 ? new Box(r0, r1, g0, cut, b0, b1) : new Box(r0, r1, g0, g1, b0, cut);
      Box right = axis == 0 ? new Box(cut + 1, r1, g0, g1, b0, b1)
          : axis == 1 ? new Box(r0, r1, cut + 1, g1, b0, b1)
          : new Box(r0, r1, g0, g1, cut + 1, b1);
      return new Box[] {left.counted(histogram), right.counted(histogram)};
    }

    /** The population-weighted mean colour, each cell standing for its centre. */
    Swatch mean(int[] histogram) {
      double sr = 0, sg = 0, sb = 0;
      for (int r = r0; r <= r1; r++) {
        for (int g = g0; g <= g1; g++) {
          for (int b = b0; b <= b1; b++) {
            int c = histogram[index(r, g, b)];
            sr += c * ((r << SHIFT) + (1 << SHIFT) / 2.0);
            sg += c * ((g << SHIFT) + (1 << SHIFT) / 2.0);
            sb += c * ((b << SHIFT) + (1 << SHIFT) / 2.0);
          }
        }
      }
      return new Swatch(channel(sr / population), channel(sg / population),
          channel(sb / population), (int) population);
    }

    private static int channel(double v) {
      return Math.max(0, Math.min(255, (int) Math.round(v)));
    }
  }
}
