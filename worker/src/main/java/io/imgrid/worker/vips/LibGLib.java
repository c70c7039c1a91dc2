package io.imgrid.worker.vips;

import com.sun.jna.Callback;
import com.sun.jna.Pointer;

/** The GLib functions imgrid needs: freeing what libvips hands over, and the log handler. */
final class LibGLib {
  private LibGLib() {}

  static native void g_free(Pointer memory);
  static native Pointer g_malloc(long size);
  static native void g_strfreev(Pointer strv);
  static native int g_log_set_handler(String domain, int levels, LogFunc handler, Pointer data);

  /** {@code GLogFunc}: {@code void (*)(const gchar *domain, GLogLevelFlags, const gchar *msg, gpointer)}. */
  interface LogFunc extends Callback {
    void invoke(String domain, int level, String message, Pointer userData);
  }

  static final int G_LOG_LEVEL_CRITICAL = 1 << 3;
  static final int G_LOG_LEVEL_WARNING = 1 << 4;
  static final int G_LOG_LEVEL_MESSAGE = 1 << 5;
  static final int G_LOG_LEVEL_INFO = 1 << 6;
  static final int G_LOG_LEVEL_DEBUG = 1 << 7;
}
