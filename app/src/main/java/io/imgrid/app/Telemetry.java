package io.imgrid.app;

import io.imgrid.shared.config.TelemetryConfig;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * A node's OpenTelemetry: the no-op API when {@code IMGPROXY_OPEN_TELEMETRY_ENABLE} is off, else
 * the SDK configured by its own autoconfiguration from the {@code OTEL_*} settings (OTLP
 * exporter, {@code grpc} or {@code http/protobuf}; traces only: metrics stay on Prometheus and
 * logs on stdout unless {@code OTEL_METRICS_EXPORTER}/{@code OTEL_LOGS_EXPORTER} say otherwise),
 * with imgrid's defaults for what is unset: the service name {@code imgrid} and the node's role
 * as {@code imgrid.role}. The SDK flushes and shuts down when the JVM exits (its own hook).
 */
final class Telemetry {
  private static final Logger LOG = Logger.getLogger("imgrid.telemetry");

  private Telemetry() {}

  /** The OpenTelemetry a node of {@code role} (gateway, worker, standalone) reports through. */
  static OpenTelemetry start(TelemetryConfig config, String role) {
    if (!config.enabled()) {
      return OpenTelemetry.noop();
    }
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", "imgrid");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    config.otel().forEach((k, v) -> defaults.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v));
    String resource = defaults.getOrDefault("otel.resource.attributes", "");
    defaults.put("otel.resource.attributes",
        (resource.isEmpty() ? "" : resource + ",") + "imgrid.role=" + role);
    OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> defaults)
        .addTracerProviderCustomizer((builder, properties) ->
            config.idGenerator() == TelemetryConfig.IdGenerator.XRAY
                ? builder.setIdGenerator(new XrayIds()) : builder)
        .build() // registers the SDK's own shutdown hook: spans still queued are flushed
        .getOpenTelemetrySdk();
    LOG.info(() -> "OpenTelemetry tracing on for the " + role + ": exporting to "
        + defaults.getOrDefault("otel.exporter.otlp.traces.endpoint",
            defaults.getOrDefault("otel.exporter.otlp.endpoint", "the OTLP default endpoint")));
    return sdk;
  }

  /**
   * AWS X-Ray's trace ids (imgproxy's default generator): the first 4 of the 16 bytes are the
   * epoch seconds, the rest random; span ids as the SDK's random ones.
   */
  static final class XrayIds implements IdGenerator {
    private final IdGenerator random = IdGenerator.random();

    @Override
    public String generateSpanId() {
      return random.generateSpanId();
    }

    @Override
    public String generateTraceId() {
      long seconds = System.currentTimeMillis() / 1000;
      long high = (seconds << 32) | (ThreadLocalRandom.current().nextInt() & 0xffffffffL);
      long low = ThreadLocalRandom.current().nextLong();
      return String.format("%016x%016x", high, low);
    }
  }
}
