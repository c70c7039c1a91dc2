package io.imgrid.app;

import io.imgrid.gateway.dispatch.LocalDispatcher;
import io.imgrid.gateway.dispatch.WorkerSlots;
import io.imgrid.gateway.http.GatewayServices;
import io.imgrid.gateway.http.GatewayVerticle;
import io.imgrid.gateway.http.ParsingAuthenticator;
import io.imgrid.gateway.http.RequestTracing;
import io.imgrid.gateway.metrics.GaugeSources;
import io.imgrid.gateway.metrics.MicrometerGatewayMetrics;
import io.imgrid.gateway.metrics.PrometheusEndpoint;
import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.Codecs;
import io.imgrid.shared.config.ImgridConfig;
import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.config.WatermarkConfig;
import io.imgrid.shared.fetch.HostResolver;
import io.imgrid.shared.fetch.SourceFetcher;
import io.imgrid.worker.ImageProcessor;
import io.imgrid.worker.ImageProcessorConfig;
import io.imgrid.worker.job.JobSpans;
import io.imgrid.worker.job.StartupImages;
import io.imgrid.worker.job.WorkerVerticle;
import io.imgrid.worker.vips.Vips;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The standalone node's composition: one Vert.x instance (its metrics on a Prometheus registry),
 * the bus codecs, a worker verticle on {@link Addresses#JOBS}, a gateway verticle dispatching to it
 * over the local bus, and the metrics listener when {@code IMGPROXY_PROMETHEUS_BIND} is set.
 * {@code bin/imgrid standalone} and the end-to-end tests both start it through {@link #start}.
 */
public final class Standalone {
  private Standalone() {}

  /**
   * Starts a node; libvips must be initialised ({@link Vips#init}). The future fails if any part
   * cannot start (a busy port, an unreadable fallback image), leaving nothing running.
   */
  public static Future<RunningNode> start(ImgridConfig config) {
    return start(config, HostResolver::system);
  }

  /**
   * As above with the resolver source fetches use (tests play a rebinding DNS server with it).
   */
  public static Future<RunningNode> start(
      ImgridConfig config, Function<Vertx, HostResolver> resolver) {
    Objects.requireNonNull(config, "config == null");
    ServerConfig server = config.server();
    PrometheusMeterRegistry registry = PrometheusEndpoint.newRegistry();
    Vertx vertx = PrometheusEndpoint.vertxBuilder(registry).build();
    Codecs.register(vertx.eventBus());
    SourceFetcher fetcher = SourceFetcher.create(vertx, config.fetch(), resolver.apply(vertx));

    WorkerSlots slots = new WorkerSlots(vertx, server.workers(), server.requestsQueueSize());
    GaugeSources gauges =
        GaugeSources.of(slots)
            .withVips(Vips::trackedMemory, Vips::trackedMaxMemory, Vips::trackedAllocs);
    MicrometerGatewayMetrics metrics =
        new MicrometerGatewayMetrics(registry, server.prometheusNamespace(), gauges);
    OpenTelemetry telemetry = Telemetry.start(config.telemetry(), "standalone");
    GatewayServices services =
        new GatewayServices(
            ParsingAuthenticator.of(config, Clock.systemUTC()),
            new LocalDispatcher(vertx),
            slots,
            metrics,
            () -> true,
            fetcher,
            new RequestTracing(telemetry, config.telemetry().propagateExternal()));
    GatewayVerticle gateway = new GatewayVerticle(server, services);
    PrometheusEndpoint prometheus =
        server.prometheusBind() == null
            ? null
            : new PrometheusEndpoint(
                registry, server.prometheusBind().host(), server.prometheusBind().port());

    Future<RunningNode> started =
        watermark(config.watermark(), fetcher)
            .compose(
                watermark ->
                    StartupImages.fallback(vertx, server.fallback(), fetcher)
                        .compose(
                            fallback ->
                                vertx.deployVerticle(
                                    new WorkerVerticle(
                                        Addresses.JOBS,
                                        server.workers(),
                                        server.timeout().multipliedBy(2).plus(Duration.ofSeconds(1)),
                                        fetcher,
                                        new ImageProcessor(
                                            new ImageProcessorConfig(
                                                config.formats(), config.encoder(), config.processing(),
                watermark),
                                            Vips.capabilities()),
                                        fallback,
                                        new JobSpans(telemetry)))))
            .compose(id -> vertx.deployVerticle(gateway))
            .compose(
                gatewayId ->
                    (prometheus == null
                            ? Future.succeededFuture("")
                            : vertx.deployVerticle(prometheus))
                        .map(
                            p ->
                                new RunningNode(
                                    vertx, gatewayId, gateway, prometheus, slots, fetcher,
                                    server.gracefulStopTimeout())));
    return started.recover(e -> vertx.close().transform(ar -> Future.failedFuture(e)));
  }

  /** The watermark, with an {@code IMGPROXY_WATERMARK_URL} image downloaded once, now. */
  private static Future<WatermarkConfig> watermark(WatermarkConfig config, SourceFetcher fetcher) {
    if (config.url() == null) {
      return Future.succeededFuture(config);
    }
    return StartupImages.download(config.url(), fetcher, "IMGPROXY_WATERMARK_URL")
        .map(bytes -> config.withImage(bytes.orElseThrow()));
  }
}
