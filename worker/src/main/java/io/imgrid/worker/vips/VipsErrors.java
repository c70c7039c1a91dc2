package io.imgrid.worker.vips;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * Reads and clears libvips' error buffer at the failing call.
 *
 * <p>The buffer is process-wide, not per thread: two failures at the same moment on two threads may
 * see each other's text. Reading a copy and clearing at once keeps that window small and keeps old
 * text from leaking into a later, unrelated failure.
 */
final class VipsErrors {
  private VipsErrors() {}

  /** The current error text, after which the buffer is empty. */
  static String take() {
    Pointer copy = LibVips.vips_error_buffer_copy();
    String text = "";
    if (copy != null) {
      text = copy.getString(0, StandardCharsets.UTF_8.name()).strip();
      LibGLib.g_free(copy);
    }
    LibVips.vips_error_clear();
    return text;
  }

  static VipsException failure(String operation) {
    return new VipsException(operation, take());
  }

  /** Drops whatever a probe or lookup left in the buffer. */
  static void discard() {
    take();
  }
}
