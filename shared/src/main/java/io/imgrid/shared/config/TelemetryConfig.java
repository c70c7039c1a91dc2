package io.imgrid.shared.config;

import java.util.Map;
import java.util.Objects;

/**
 * OpenTelemetry tracing, with imgproxy's settings: {@code IMGPROXY_OPEN_TELEMETRY_ENABLE} turns it
 * on (off by default), {@code IMGPROXY_OPEN_TELEMETRY_PROPAGATE_EXTERNAL} continues a trace an
 * incoming request's {@code traceparent} names (otherwise every request starts its own, so a
 * client cannot pick trace ids), {@code IMGPROXY_OPEN_TELEMETRY_TRACE_ID_GENERATOR} is
 * {@code xray} (imgproxy's default: the first 4 bytes are the time, as AWS X-Ray wants) or
 * {@code random}. The exporter is configured by the standard {@code OTEL_*} variables
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_EXPORTER_OTLP_PROTOCOL},
 * {@code OTEL_SERVICE_NAME}, ...), which are handed to the SDK's own configuration as they are.
 *
 * @param otel every {@code OTEL_*} variable that is set
 */
public record TelemetryConfig(
    boolean enabled, boolean propagateExternal, IdGenerator idGenerator, Map<String, String> otel) {

  /** How trace ids are made. */
  public enum IdGenerator {
    XRAY,
    RANDOM
  }

  public TelemetryConfig {
    Objects.requireNonNull(idGenerator, "idGenerator == null");
    otel = Map.copyOf(otel);
  }

  /** Reads the settings, recording each bad value on {@code env}. */
  public static TelemetryConfig from(Env env) {
    boolean enabled = env.bool("IMGPROXY_OPEN_TELEMETRY_ENABLE", false);
    boolean external = env.bool("IMGPROXY_OPEN_TELEMETRY_PROPAGATE_EXTERNAL", false);
    String generator = env.string("IMGPROXY_OPEN_TELEMETRY_TRACE_ID_GENERATOR", "xray");
    IdGenerator ids = IdGenerator.XRAY;
    switch (generator) {
      case "xray" -> ids = IdGenerator.XRAY;
      case "random" -> ids = IdGenerator.RANDOM;
      default -> env.problem("IMGPROXY_OPEN_TELEMETRY_TRACE_ID_GENERATOR",
          "must be xray or random, got '" + generator + "'");
    }
    return new TelemetryConfig(enabled, external, ids, env.withPrefix("OTEL_"));
  }
}
