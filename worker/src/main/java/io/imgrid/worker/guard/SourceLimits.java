package io.imgrid.worker.guard;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.options.SecurityLimits;

/**
 * imgproxy's image-bomb limits (contract §6, {@code security/checker.go}) applied to what the header
 * says. All arithmetic is in doubles, so 65536×65536 and larger never wrap.
 *
 * <ul>
 *   <li>{@code IMGPROXY_MAX_SRC_FILE_SIZE}: bytes, 0 = off.
 *   <li>{@code IMGPROXY_MAX_SRC_RESOLUTION}: width × height × frames, where frames is the number
 *       that will be loaded, {@code min(frames, IMGPROXY_MAX_ANIMATION_FRAMES)}, and only for
 *       formats loaded as animations (GIF, WebP, JXL); 0 or less = off. Vector sources are exempt.
 *   <li>{@code IMGPROXY_MAX_ANIMATION_FRAME_RESOLUTION}: when above 0 and more than one frame is
 *       loaded, each frame is checked against it instead of the sum.
 *   <li>{@code IMGPROXY_MAX_ANIMATION_FRAMES} only limits the frames loaded; it is never an error.
 * </ul>
 */
public final class SourceLimits {
  private SourceLimits() {}

  /** 422 when {@code bytes} is over {@code IMGPROXY_MAX_SRC_FILE_SIZE}. */
  public static void checkFileSize(long bytes, SecurityLimits limits) {
    long max = limits.maxSrcFileSize();
    if (max > 0 && bytes > max) {
      throw ImageException.invalidSource("source is " + bytes + " bytes, over the limit " + max);
    }
  }

  /** The number of frames that will be loaded: at least 1, at most the source's frame count. */
  public static int framesToLoad(SourceInfo info, SecurityLimits limits) {
    if (!info.animated()) {
      return 1;
    }
    return Math.max(1, Math.min(info.frames(), limits.maxAnimationFrames()));
  }

  /** 422 when the source is over the resolution limits; vector sources always pass. */
  public static void checkResolution(SourceInfo info, SecurityLimits limits) {
    if (info.vector()) {
      return;
    }
    int frames = framesToLoad(info, limits);
    double framePixels = (double) info.width() * info.height();
    if (frames > 1 && limits.maxAnimationFrameResolution() > 0) {
      if (framePixels > limits.maxAnimationFrameResolution()) {
        throw overLimit(info, frames, limits.maxAnimationFrameResolution());
      }
    } else if (limits.maxSrcResolution() > 0 && framePixels * frames > limits.maxSrcResolution()) {
      throw overLimit(info, frames, limits.maxSrcResolution());
    }
  }

  private static ImageException overLimit(SourceInfo info, int frames, double limit) {
    return ImageException.invalidSource(
        String.format(
            "source %s %dx%d x %d frame(s) is over the resolution limit %.0f",
            info.format().urlName(), info.width(), info.height(), frames, limit));
  }
}
