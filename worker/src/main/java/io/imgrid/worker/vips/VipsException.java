package io.imgrid.worker.vips;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;

/**
 * A libvips operation failed. Carries the operation name and the text libvips wrote to its error
 * buffer at the failing call (read and cleared there, see {@link VipsErrors}).
 *
 * <p>libvips evaluates lazily: a decode error in the source may surface at any later operation or
 * at save time. Every libvips failure while processing an untrusted source is therefore a broken
 * image (422); our own defects surface as {@link IllegalArgumentException} or {@link
 * IllegalStateException} instead, and {@link #classify(Throwable)} maps those to 500.
 */
public final class VipsException extends RuntimeException {
  private final String operation;
  private final String vipsMessage;

  VipsException(String operation, String vipsMessage) {
    super(operation + ": " + (vipsMessage.isEmpty() ? "failed without a message" : vipsMessage));
    this.operation = operation;
    this.vipsMessage = vipsMessage;
  }

  /** The libvips operation (or binding call) that failed, e.g. {@code jpegload_buffer}. */
  public String operation() {
    return operation;
  }

  /** libvips' own error text, possibly empty; never shown to clients. */
  public String vipsMessage() {
    return vipsMessage;
  }

  /** This failure as the 422 "Broken or unsupported image" answer. */
  public ImageException toBrokenImage() {
    return ImageException.broken(getMessage(), this);
  }

  /**
   * The client-facing failure for anything thrown while processing an untrusted source: a {@link
   * VipsException} is a broken image (422), an {@link ImgridException} stays what it is, anything
   * else is a defect of ours (500).
   */
  public static ImgridException classify(Throwable t) {
    if (t instanceof VipsException e) {
      return e.toBrokenImage();
    }
    return InternalException.wrap(t);
  }
}
