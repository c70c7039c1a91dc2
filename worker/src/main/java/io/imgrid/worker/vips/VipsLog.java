package io.imgrid.worker.vips;

import com.sun.jna.Pointer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Routes libvips' GLib log messages (domain {@code VIPS}) to the JVM log instead of stderr.
 *
 * <p>libvips warns about every recoverable oddity of an untrusted file ("premature end of JPEG
 * file", "excessive number of frames"); under load that is noise on stderr that no log pipeline
 * parses. {@code VIPS_WARNING=0} would silence them, but libvips reads it once in {@code vips_init}
 * and a JVM cannot set its own environment. A handler for the domain keeps them available at DEBUG
 * (criticals, which point at our defects, at WARNING). {@code g_log_set_always_fatal} is left
 * untouched: GLib errors stay fatal, as they must after a failed allocation.
 */
final class VipsLog {
  private static final Logger LOG = System.getLogger("io.imgrid.worker.vips.libvips");

  /** Held strongly for the life of the process: GLib keeps the raw function pointer. */
  private static final LibGLib.LogFunc HANDLER = VipsLog::log;

  private VipsLog() {}

  static void install() {
    int levels =
        LibGLib.G_LOG_LEVEL_CRITICAL
            | LibGLib.G_LOG_LEVEL_WARNING
            | LibGLib.G_LOG_LEVEL_MESSAGE
            | LibGLib.G_LOG_LEVEL_INFO
            | LibGLib.G_LOG_LEVEL_DEBUG;
    LibGLib.g_log_set_handler("VIPS", levels, HANDLER, null);
  }

  private static void log(String domain, int level, String message, Pointer userData) {
    try {
      Level to = (level & LibGLib.G_LOG_LEVEL_CRITICAL) != 0 ? Level.WARNING : Level.DEBUG;
      LOG.log(to, () -> domain + ": " + message);
    } catch (Throwable ignored) {
      // never let an exception unwind into C
    }
  }
}
