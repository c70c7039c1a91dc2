package io.imgrid.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** imgproxy's OpenTelemetry settings, and the OTEL_* ones handed to the SDK as they are. */
class TelemetryConfigTest {
  private static TelemetryConfig read(Map<String, String> vars) {
    Env env = Env.of(vars);
    TelemetryConfig c = TelemetryConfig.from(env);
    env.validate();
    return c;
  }

  @Test
  void offByDefaultWithImgproxysXrayIds() {
    TelemetryConfig c = read(Map.of("IMGPROXY_KEY", "x"));
    assertThat(c.enabled()).isFalse();
    assertThat(c.propagateExternal()).isFalse();
    assertThat(c.idGenerator()).isEqualTo(TelemetryConfig.IdGenerator.XRAY);
    assertThat(c.otel()).isEmpty();
  }

  @Test
  void readsImgproxysNamesAndCollectsEveryOtelVariable() {
    TelemetryConfig c = read(Map.of(
        "IMGPROXY_OPEN_TELEMETRY_ENABLE", "true",
        "IMGPROXY_OPEN_TELEMETRY_PROPAGATE_EXTERNAL", "1",
        "IMGPROXY_OPEN_TELEMETRY_TRACE_ID_GENERATOR", "random",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
        "OTEL_SERVICE_NAME", "images",
        "NOT_OTEL_X", "y"));
    assertThat(c.enabled()).isTrue();
    assertThat(c.propagateExternal()).isTrue();
    assertThat(c.idGenerator()).isEqualTo(TelemetryConfig.IdGenerator.RANDOM);
    assertThat(c.otel()).containsOnly(
        Map.entry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318"),
        Map.entry("OTEL_SERVICE_NAME", "images"));
  }

  @Test
  void anUnknownIdGeneratorIsAConfigProblem() {
    assertThatThrownBy(() -> read(Map.of("IMGPROXY_OPEN_TELEMETRY_TRACE_ID_GENERATOR", "uuid")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("IMGPROXY_OPEN_TELEMETRY_TRACE_ID_GENERATOR");
  }
}
