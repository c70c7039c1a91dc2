package io.imgrid.app;

import io.imgrid.gateway.cluster.ClusterNode;
import io.imgrid.gateway.cluster.ClusteredVertxFactory;
import io.imgrid.gateway.cluster.WorkerAnnouncer;
import io.imgrid.gateway.grid.ClusteredWorker;
import io.imgrid.gateway.metrics.PrometheusEndpoint;
import io.imgrid.shared.bus.JobHandler;
import io.imgrid.shared.config.ClusterConfig;
import io.imgrid.shared.config.ImgridConfig;
import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.fetch.SourceFetcher;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.config.WatermarkConfig;
import io.imgrid.worker.ImageProcessor;
import io.imgrid.worker.ImageProcessorConfig;
import io.imgrid.worker.job.JobSpans;
import io.imgrid.worker.job.StartupImages;
import io.imgrid.worker.job.WorkerJobHandler;
import io.imgrid.worker.job.WorkerVerticle;
import io.imgrid.worker.vips.Vips;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One clustered worker ({@code bin/imgrid worker}): libvips initialised once (from {@code
 * IMGRID_LIBVIPS_PATH} or the system), jobs consumed on its own address with {@code
 * IMGPROXY_WORKERS} slots ({@link ClusteredWorker}), its free slots and savable formats announced.
 * It listens on {@code IMGPROXY_BIND} for {@code /health} only, and serves {@code
 * imgrid_jobs_total{worker}} (one per encode) and libvips' memory on {@code
 * IMGPROXY_PROMETHEUS_BIND}.
 */
final class WorkerNode implements GridNode {
  private final ClusterNode node;
  private final ClusteredWorker worker;
  private final WorkerExecutor executor;
  private final HttpServer health;
  private final PrometheusEndpoint metricsEndpoint;
  private final Duration gracefulStop;

  private WorkerNode(ClusterNode node, ClusteredWorker worker, WorkerExecutor executor,
      HttpServer health, PrometheusEndpoint metricsEndpoint, Duration gracefulStop) {
    this.node = node;
    this.worker = worker;
    this.executor = executor;
    this.health = health;
    this.metricsEndpoint = metricsEndpoint;
    this.gracefulStop = gracefulStop;
  }

  static Future<WorkerNode> start(ImgridConfig config) {
    return start(config, config.cluster(), ClusteredVertxFactory.DEFAULT_JOIN_WAIT,
        h -> h);
  }

  /**
   * As above with explicit cluster settings and a hook around the job handler (tests hold jobs
   * to see them in flight).
   */
  static Future<WorkerNode> start(ImgridConfig config, ClusterConfig cluster, Duration joinWait,
      java.util.function.UnaryOperator<JobHandler> handlerHook) {
    Vips.init(config.libvips());
    Set<String> formats = new TreeSet<>();
    for (ImageFormat f : Vips.capabilities().savable()) {
      formats.add(f.urlName());
    }
    ServerConfig server = config.server();
    PrometheusMeterRegistry registry = PrometheusEndpoint.newRegistry();
    Gauge.builder(prefix(server) + "vips_memory_bytes", Vips::trackedMemory).register(registry);
    Gauge.builder(prefix(server) + "vips_max_memory_bytes", Vips::trackedMaxMemory)
        .register(registry);
    Gauge.builder(prefix(server) + "vips_allocs", Vips::trackedAllocs).register(registry);
    return new ClusteredVertxFactory(cluster)
        .withJoinWait(joinWait)
        .withVertxOptions(new VertxOptions()
            .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withBuilder(b -> b.withMetrics(new MicrometerMetricsFactory(registry)))
        .start()
        .compose(node -> {
          Vertx vertx = node.vertx();
          Counter jobs = Counter.builder("imgrid_jobs").description("Encodes run on this worker")
              .tag("worker", node.nodeId()).register(registry);
          Gauge.builder("imgrid_cluster_members", node::memberCount).register(registry);
          WorkerExecutor executor = vertx.createSharedWorkerExecutor(WorkerVerticle.POOL_NAME,
              server.workers(), server.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
          SourceFetcher fetcher = SourceFetcher.create(vertx, config.fetch());
          return watermark(config.watermark(), fetcher)
              .compose(watermark -> StartupImages.fallback(vertx, server.fallback(), fetcher)
              .compose(fallback -> {
            ImageProcessor processor = new ImageProcessor(
                new ImageProcessorConfig(config.formats(), config.encoder(), config.processing(),
                watermark),
                Vips.capabilities());
            JobHandler handler = handlerHook.apply(
                new WorkerJobHandler(fetcher, processor, executor, fallback,
                    new JobSpans(Telemetry.start(config.telemetry(), "worker"))));
            JobHandler counted = job -> handler.handle(job).onSuccess(r -> {
              if (!r.isNotModified()) {
                jobs.increment();
              }
            });
            ClusteredWorker worker = new ClusteredWorker(vertx, node.nodeId(), server.workers(),
                formats, counted, WorkerAnnouncer.DEFAULT_INTERVAL);
            PrometheusEndpoint endpoint = server.prometheusBind() == null ? null
                : new PrometheusEndpoint(registry, server.prometheusBind().host(),
                    server.prometheusBind().port());
            HttpServer health = vertx.createHttpServer().requestHandler(req -> {
              String path = req.path();
              String p = server.pathPrefix();
              boolean isHealth = path.equals(p + "/health")
                  || (server.healthCheckPath() != null
                      && path.equals(p + server.healthCheckPath()));
              req.response().setStatusCode(isHealth ? 200 : 404)
                  .end(isHealth ? "imgrid is running" : " ");
            });
            return worker.start()
                .compose(v -> health.listen(server.bind().port(), server.bind().host()))
                .compose(v -> endpoint == null ? Future.succeededFuture()
                    : vertx.deployVerticle(endpoint))
                .map(v -> new WorkerNode(node, worker, executor, health, endpoint,
                    server.gracefulStopTimeout()));
          })).recover(e -> node.close().transform(ar -> Future.failedFuture(e)));
        });
  }

  /** The watermark, with an {@code IMGPROXY_WATERMARK_URL} image downloaded once, now. */
  private static Future<WatermarkConfig> watermark(WatermarkConfig config, SourceFetcher fetcher) {
    if (config.url() == null) {
      return Future.succeededFuture(config);
    }
    return StartupImages.download(config.url(), fetcher, "IMGPROXY_WATERMARK_URL")
        .map(bytes -> config.withImage(bytes.orElseThrow()));
  }

  private static String prefix(ServerConfig server) {
    String ns = server.prometheusNamespace();
    return ns.isEmpty() ? "" : ns + "_";
  }

  @Override
  public String role() {
    return "worker";
  }

  @Override
  public ClusterNode cluster() {
    return node;
  }

  ClusteredWorker worker() {
    return worker;
  }

  @Override
  public int httpPort() {
    return health.actualPort();
  }

  @Override
  public int metricsPort() {
    return metricsEndpoint == null ? -1 : metricsEndpoint.actualPort();
  }

  /**
   * Graceful stop: announces draining (no gateway picks it any more), finishes the jobs it has
   * within {@code IMGPROXY_GRACEFUL_STOP_TIMEOUT}, says goodbye, and leaves the cluster.
   */
  @Override
  public Future<Void> drain() {
    return worker.drain(gracefulStop)
        .eventually(health::close)
        .eventually(executor::close)
        .eventually(node::close)
        .mapEmpty();
  }

  @Override
  public String toString() {
    return "worker " + node.nodeId() + " (" + worker.slots() + " slots) on " + httpPort();
  }
}
