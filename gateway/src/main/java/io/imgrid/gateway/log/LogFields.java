package io.imgrid.gateway.log;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Structured fields on a java.util.logging record: the map travels as the record's single
 * parameter and {@link LineFormatter} renders it per {@code IMGPROXY_LOG_FORMAT}.
 */
public final class LogFields {
  private LogFields() {}

  /** Logs {@code message} with ordered key/value pairs: {@code "k1", v1, "k2", v2, …}. */
  public static void log(Logger logger, Level level, String message, Object... keyValues) {
    log(logger, level, message, null, keyValues);
  }

  public static void log(
      Logger logger, Level level, String message, Throwable thrown, Object... keyValues) {
    if (!logger.isLoggable(level)) {
      return;
    }
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger.getName());
    record.setParameters(new Object[] {of(keyValues)});
    record.setThrown(thrown);
    logger.log(record);
  }

  static Map<String, Object> of(Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("key/value pairs expected");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  /** The fields of a record logged through this class, else empty. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> fieldsOf(LogRecord record) {
    Object[] params = record.getParameters();
    if (params != null && params.length == 1 && params[0] instanceof Map) {
      return (Map<String, Object>) params[0];
    }
    return Map.of();
  }
}
