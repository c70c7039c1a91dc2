package io.imgrid.gateway.log;

import io.imgrid.shared.config.ServerConfig;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Points java.util.logging's root logger at one stderr handler with the configured
 * {@link LineFormatter} and level. Call once from the composition root, before Vert.x starts.
 */
public final class LogSetup {
  private LogSetup() {}

  public static void configure(ServerConfig.LogFormat format, ServerConfig.LogLevel level) {
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    Handler handler = new ConsoleHandler();
    handler.setFormatter(new LineFormatter(format));
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(julLevel(level));
  }

  public static Level julLevel(ServerConfig.LogLevel level) {
    switch (level) {
      case DEBUG:
        return Level.FINE;
      case WARN:
        return Level.WARNING;
      case ERROR:
        return Level.SEVERE;
      case INFO:
      default:
        return Level.INFO;
    }
  }
}
