package io.imgrid.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.ServerConfig.LogFormat;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LineFormatterTest {
  private static LogRecord record() {
    LogRecord r = new LogRecord(Level.INFO, "Completed /a b");
    r.setParameters(
        new Object[] {LogFields.of("request_id", "abc", "uri", "/a b", "status", 200)});
    return r;
  }

  @Test
  void structuredIsLogfmt() {
    String line = new LineFormatter(LogFormat.STRUCTURED).format(record());
    assertThat(line)
        .contains("level=info")
        .contains("msg=\"Completed /a b\"")
        .contains("request_id=abc uri=\"/a b\" status=200")
        .endsWith(System.lineSeparator());
  }

  @Test
  void jsonIsOneObjectPerLine() {
    String line = new LineFormatter(LogFormat.JSON).format(record()).strip();
    assertThat(line)
        .startsWith("{\"time\":")
        .contains("\"level\":\"info\"")
        .contains("\"msg\":\"Completed /a b\"")
        .contains("\"request_id\":\"abc\",\"uri\":\"/a b\",\"status\":200")
        .endsWith("}");
  }

  @Test
  void prettyIsForPeople() {
    String line = new LineFormatter(LogFormat.PRETTY).format(record());
    assertThat(line).startsWith("INFO [").contains("Completed /a b request_id=abc");
  }

  @Test
  void jsonEscapesControlCharacters() {
    assertThat(LineFormatter.json("a\"b\n\u0001")).isEqualTo("\"a\\\"b\\n\\u0001\"");
    assertThat(LogFields.fieldsOf(new LogRecord(Level.INFO, "x"))).isEqualTo(Map.of());
  }
}
