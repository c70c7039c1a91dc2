package io.imgrid.worker.vips;

/**
 * libvips could not be loaded or initialised. The message says how to install it; a worker that
 * sees this cannot serve images and should stop with that message.
 */
public final class VipsUnavailableException extends RuntimeException {
  VipsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
