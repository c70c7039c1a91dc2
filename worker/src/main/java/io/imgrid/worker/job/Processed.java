package io.imgrid.worker.job;

import java.util.Objects;

/**
 * One encoded result of {@link ImageProcessing}.
 *
 * @param bytes the encoded image; not copied, treat as read-only
 * @param contentType its MIME type
 * @param width result width in pixels
 * @param height result height in pixels
 * @param originWidth source width in pixels, -1 if unknown
 * @param originHeight source height in pixels, -1 if unknown
 */
public record Processed(
    byte[] bytes, String contentType, int width, int height, int originWidth, int originHeight) {
  public Processed {
    Objects.requireNonNull(bytes, "bytes == null");
    Objects.requireNonNull(contentType, "contentType == null");
  }
}
