package io.imgrid.worker.encode;

import io.imgrid.shared.format.ImageFormat;
import java.util.Objects;

/**
 * Encoded result bytes. The format may differ from the one asked for (AVIF under 16 px falls back
 * to PNG or JPEG). The array is not copied; treat it as read-only.
 *
 * @param width the result width
 * @param height the height of one frame (the page height of an animation)
 */
public record EncodedImage(ImageFormat format, byte[] bytes, int width, int height) {
  public EncodedImage {
    Objects.requireNonNull(format, "format == null");
    Objects.requireNonNull(bytes, "bytes == null");
  }
}
