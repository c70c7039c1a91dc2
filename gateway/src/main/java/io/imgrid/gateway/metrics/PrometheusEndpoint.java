package io.imgrid.gateway.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Objects;

/**
 * The metrics listener, separate from the main one as imgproxy's {@code IMGPROXY_PROMETHEUS_BIND}:
 * any path answers the Prometheus text exposition of the registry. The same registry is handed to
 * Vert.x ({@link #vertxBuilder}) so its own {@code vertx_*} meters appear beside imgproxy's.
 */
public final class PrometheusEndpoint extends VerticleBase {
  private final PrometheusMeterRegistry registry;
  private final String host;
  private final int port;
  private HttpServer server;

  public PrometheusEndpoint(PrometheusMeterRegistry registry, String host, int port) {
    this.registry = Objects.requireNonNull(registry, "registry == null");
    this.host = Objects.requireNonNull(host, "host == null");
    this.port = port;
  }

  public static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** A Vert.x builder whose metrics go to {@code registry}. */
  public static VertxBuilder vertxBuilder(PrometheusMeterRegistry registry) {
    return Vertx.builder()
        .with(
            new VertxOptions()
                .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry));
  }

  @Override
  public Future<?> start() {
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(registry.scrape()));
    return server.listen(port, host);
  }

  /** The bound port (useful with port 0); -1 before start. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }
}
