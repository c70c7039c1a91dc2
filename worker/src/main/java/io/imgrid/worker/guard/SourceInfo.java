package io.imgrid.worker.guard;

import io.imgrid.shared.format.ImageFormat;
import java.util.Objects;

/**
 * What the header guard learned from a source's first bytes, before any native call.
 *
 * @param format the sniffed format
 * @param width the larger of the canvas and the frame extent, in pixels (0 for vector sources)
 * @param height likewise
 * @param frames frames or pages counted, at most {@link #MAX_COUNTED_FRAMES}; when the header says
 *     the source is animated but not how many frames it has (JXL), this is
 *     {@link #MAX_COUNTED_FRAMES}, so the resolution check assumes every allowed frame is loaded
 * @param animated whether the source is an animation that imgproxy loads as one (GIF, WebP, JXL)
 * @param vector whether the source is vector (SVG): exempt from the resolution check
 * @param orientation EXIF orientation 1..8 where the header carries it cheaply, else 1
 */
public record SourceInfo(
    ImageFormat format,
    int width,
    int height,
    int frames,
    boolean animated,
    boolean vector,
    int orientation) {

  /** Frame counting stops here: the work stays bounded, and no limit needs more. */
  public static final int MAX_COUNTED_FRAMES = 100_000;

  public SourceInfo {
    Objects.requireNonNull(format, "format == null");
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("negative size " + width + "x" + height);
    }
    if (frames < 1 || frames > MAX_COUNTED_FRAMES) {
      throw new IllegalArgumentException("frames out of 1.." + MAX_COUNTED_FRAMES + ": " + frames);
    }
    if (orientation < 1 || orientation > 8) {
      throw new IllegalArgumentException("orientation out of 1..8: " + orientation);
    }
  }

  /** A still raster image. */
  static SourceInfo still(ImageFormat format, int width, int height) {
    return new SourceInfo(format, width, height, 1, false, false, 1);
  }

  SourceInfo withOrientation(int newOrientation) {
    int o = newOrientation >= 1 && newOrientation <= 8 ? newOrientation : 1;
    return new SourceInfo(format, width, height, frames, animated, vector, o);
  }
}
