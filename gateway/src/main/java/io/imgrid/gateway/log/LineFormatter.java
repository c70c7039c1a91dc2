package io.imgrid.gateway.log;

import io.imgrid.shared.config.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One line per record, in imgproxy's three shapes: {@code pretty} (for people),
 * {@code structured} ({@code key=value}, logfmt) and {@code json} (also used for {@code gcp}).
 */
public final class LineFormatter extends Formatter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private final ServerConfig.LogFormat format;

  public LineFormatter(ServerConfig.LogFormat format) {
    this.format = Objects.requireNonNull(format, "format == null");
  }

  @Override
  public String format(LogRecord record) {
    String message = record.getParameters() != null && LogFields.fieldsOf(record).isEmpty()
        ? formatMessage(record)
        : record.getMessage();
    Map<String, Object> fields = LogFields.fieldsOf(record);
    String level = levelName(record.getLevel());
    String time = TIME.format(Instant.ofEpochMilli(record.getMillis()));
    String error = record.getThrown() == null ? null : stackTrace(record.getThrown());
    StringBuilder b = new StringBuilder(128);
    switch (format) {
      case PRETTY:
        b.append(level.toUpperCase(Locale.ROOT)).append(" [").append(time).append("] ").append(message);
        fields.forEach((k, v) -> b.append(' ').append(k).append('=').append(logfmt(v)));
        if (error != null) {
          b.append(System.lineSeparator()).append(error.strip());
        }
        break;
      case STRUCTURED:
        b.append("time=").append(time).append(" level=").append(level);
        b.append(" msg=").append(logfmt(message));
        fields.forEach((k, v) -> b.append(' ').append(k).append('=').append(logfmt(v)));
        if (error != null) {
          b.append(" error=").append(logfmt(error));
        }
        break;
      case JSON:
      case GCP:
      default:
        b.append("{\"time\":").append(json(time));
        b.append(",\"level\":").append(json(level));
        b.append(",\"msg\":").append(json(message));
        fields.forEach(
            (k, v) ->
                b.append(',').append(json(k)).append(':')
                    .append(v instanceof Number || v instanceof Boolean ? v.toString() : json(String.valueOf(v))));
        if (error != null) {
          b.append(",\"error\":").append(json(error));
        }
        b.append('}');
        break;
    }
    return b.append(System.lineSeparator()).toString();
  }

  static String levelName(Level level) {
    int v = level.intValue();
    if (v >= Level.SEVERE.intValue()) {
      return "error";
    }
    if (v >= Level.WARNING.intValue()) {
      return "warning";
    }
    if (v >= Level.INFO.intValue()) {
      return "info";
    }
    return "debug";
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }

  /** A logfmt value: bare when safe, else quoted with escapes. */
  static String logfmt(Object value) {
    String s = String.valueOf(value);
    boolean bare = !s.isEmpty();
    for (int i = 0; i < s.length() && bare; i++) {
      char c = s.charAt(i);
      bare = c > ' ' && c != '"' && c != '=' && c != '\\' && c < 0x7f;
    }
    return bare ? s : json(s);
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
