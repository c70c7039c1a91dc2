package io.imgrid.worker;

import io.imgrid.shared.format.ImageFormat;
import java.util.Objects;

/**
 * One job's answer. The array is not copied; treat it as read-only.
 *
 * @param bytes the response body
 * @param format the body's format: the encoded format, {@link ImageFormat#SVG} for a (sanitized)
 *     SVG source, or the source format for a {@code skip_processing} passthrough
 * @param contentType the MIME type of {@code format}
 * @param width result width; for SVG answers the source's, 0 when unknown
 * @param height result height (one frame of an animation); for SVG answers 0
 * @param originWidth the source width as stored (one frame), 0 for SVG
 * @param originHeight the source height as stored (one frame), 0 for SVG
 */
public record ProcessedImage(
    byte[] bytes,
    ImageFormat format,
    String contentType,
    int width,
    int height,
    int originWidth,
    int originHeight) {
  public ProcessedImage {
    Objects.requireNonNull(bytes, "bytes == null");
    Objects.requireNonNull(format, "format == null");
    Objects.requireNonNull(contentType, "contentType == null");
  }
}
