package io.imgrid.app;

import io.imgrid.gateway.cluster.ClusterDedup;
import io.imgrid.gateway.cluster.ClusterNode;
import io.imgrid.gateway.cluster.ClusteredVertxFactory;
import io.imgrid.gateway.cluster.Dispatcher;
import io.imgrid.gateway.cluster.Quarantine;
import io.imgrid.gateway.cluster.WorkerDirectory;
import io.imgrid.gateway.cluster.WorkerInfo;
import io.imgrid.gateway.dispatch.WorkerSlots;
import io.imgrid.gateway.grid.ClusteredDispatcher;
import io.imgrid.gateway.grid.GridMetrics;
import io.imgrid.gateway.http.GatewayServices;
import io.imgrid.gateway.http.GatewayVerticle;
import io.imgrid.gateway.http.ParsingAuthenticator;
import io.imgrid.gateway.http.RequestTracing;
import io.imgrid.gateway.metrics.GaugeSources;
import io.imgrid.gateway.metrics.MicrometerGatewayMetrics;
import io.imgrid.gateway.metrics.PrometheusEndpoint;
import io.imgrid.shared.bus.Codecs;
import io.imgrid.shared.config.ClusterConfig;
import io.imgrid.shared.config.ImgridConfig;
import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.fetch.SourceFetcher;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * One clustered gateway ({@code bin/imgrid gateway}): the imgproxy HTTP surface on {@code
 * IMGPROXY_BIND}, cluster-wide dedup and load-aware dispatch to the workers it sees, metrics on
 * {@code IMGPROXY_PROMETHEUS_BIND}. Ready ({@code /health/ready}) while it sees a worker that is
 * not draining.
 *
 * <p>It never touches a worker or libvips class: a gateway starts on a machine without libvips.
 * Requests are not limited by local slots here; the {@link Dispatcher} queues them against the
 * workers' slots ({@code IMGPROXY_REQUESTS_QUEUE_SIZE}, 429/503 as imgproxy).
 */
final class GatewayNode implements GridNode {
  /** Workers whose announcements stopped this long ago are not picked any more. */
  static final Duration STALE_AFTER = Duration.ofSeconds(3);

  private final ClusterNode node;
  private final ServerConfig server;
  private final WorkerDirectory directory;
  private final Dispatcher dispatcher;
  private final ClusterDedup dedup;
  private final List<GatewayVerticle> verticles;
  private final PrometheusEndpoint metricsEndpoint;

  private GatewayNode(ClusterNode node, ServerConfig server, WorkerDirectory directory,
      Dispatcher dispatcher, ClusterDedup dedup, List<GatewayVerticle> verticles,
      PrometheusEndpoint metricsEndpoint) {
    this.node = node;
    this.server = server;
    this.directory = directory;
    this.dispatcher = dispatcher;
    this.dedup = dedup;
    this.verticles = verticles;
    this.metricsEndpoint = metricsEndpoint;
  }

  /** Starts a gateway with the cluster settings of {@code config}. */
  static Future<GatewayNode> start(ImgridConfig config) {
    return start(config, config.cluster(), ClusteredVertxFactory.DEFAULT_JOIN_WAIT);
  }

  /** As above with explicit cluster settings (tests: OS-chosen ports, short heartbeats). */
  static Future<GatewayNode> start(ImgridConfig config, ClusterConfig cluster, Duration joinWait) {
    ServerConfig server = config.server();
    PrometheusMeterRegistry registry = PrometheusEndpoint.newRegistry();
    Holder holder = new Holder();
    GaugeSources gauges = new GaugeSources(
        holder.sum(w -> w.totalSlots()),
        holder.sum(w -> w.totalSlots() - w.freeSlots()),
        () -> 0, () -> 0, () -> 0,
        holder.sum(w -> 1),
        holder.sum(w -> w.freeSlots()),
        () -> holder.node == null ? 0 : holder.node.memberCount());
    MicrometerGatewayMetrics metrics =
        new MicrometerGatewayMetrics(registry, server.prometheusNamespace(), gauges);
    GridMetrics grid = new GridMetrics(metrics);
    ClusteredVertxFactory factory = new ClusteredVertxFactory(cluster);
    return (cluster.dedup() ? factory.withLeases() : factory)
        .withJoinWait(joinWait)
        .withVertxOptions(new VertxOptions()
            .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withBuilder(b -> b.withMetrics(new MicrometerMetricsFactory(registry)))
        .start()
        .compose(node -> {
          holder.node = node;
          Vertx vertx = node.vertx();
          Codecs.register(vertx.eventBus());
          WorkerDirectory directory = new WorkerDirectory(vertx, node.membership(), STALE_AFTER);
          holder.directory = directory;
          Quarantine quarantine = new Quarantine(vertx, cluster.quarantineTtl(), grid);
          Dispatcher dispatcher = new Dispatcher(vertx, node.membership(), directory, quarantine,
              server.requestsQueueSize(), grid, cluster.workerSilence());
          ClusterDedup dedup = cluster.dedup()
              ? new ClusterDedup(node, server.timeout(), grid) : null;
          GatewayServices services = new GatewayServices(
              ParsingAuthenticator.of(config, Clock.systemUTC()),
              new ClusteredDispatcher(dedup, dispatcher),
              // the dispatcher queues against the workers' slots: no local limit here
              new WorkerSlots(vertx, Integer.MAX_VALUE / 2, 0),
              metrics,
              () -> directory.workers().stream().anyMatch(w -> !w.draining()),
              SourceFetcher.create(vertx, config.fetch()))
              .withTracing(new RequestTracing(Telemetry.start(config.telemetry(), "gateway"),
                  config.telemetry().propagateExternal()));
          List<GatewayVerticle> verticles = new CopyOnWriteArrayList<>();
          int instances = server.bind().port() == 0 ? 1 : Math.min(4, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
          Future<?> cluster0 = dedup == null
              ? Future.all(directory.start(), quarantine.ready(), dispatcher.ready())
              : Future.all(directory.start(), quarantine.ready(), dispatcher.ready(),
                  dedup.start());
          PrometheusEndpoint endpoint = server.prometheusBind() == null ? null
              : new PrometheusEndpoint(registry, server.prometheusBind().host(),
                  server.prometheusBind().port());
          return cluster0
              .compose(v -> vertx.deployVerticle(() -> {
                GatewayVerticle verticle = new GatewayVerticle(server, services);
                verticles.add(verticle);
                return verticle;
              }, new DeploymentOptions().setInstances(instances)))
              .compose(v -> endpoint == null ? Future.succeededFuture()
                  : vertx.deployVerticle(endpoint))
              .map(v -> new GatewayNode(node, server, directory, dispatcher, dedup, verticles,
                  endpoint))
              .recover(e -> node.close().transform(ar -> Future.failedFuture(e)));
        });
  }

  @Override
  public String role() {
    return "gateway";
  }

  @Override
  public ClusterNode cluster() {
    return node;
  }

  @Override
  public int httpPort() {
    return verticles.get(0).actualPort();
  }

  @Override
  public int metricsPort() {
    return metricsEndpoint == null ? -1 : metricsEndpoint.actualPort();
  }

  /** The workers this gateway sees now. */
  List<WorkerInfo> workers() {
    return directory.workers();
  }

  /**
   * Graceful stop: the HTTP listeners stop accepting and answer what is in flight (within
   * {@code IMGPROXY_GRACEFUL_STOP_TIMEOUT}, see {@link GatewayVerticle#stop()}), then the node
   * stops answering dedup followers and leaves the cluster.
   */
  @Override
  public Future<Void> drain() {
    Vertx vertx = node.vertx();
    List<Future<Void>> undeploys = new java.util.ArrayList<>();
    for (String id : vertx.deploymentIDs()) {
      undeploys.add(vertx.undeploy(id));
    }
    return Future.join(undeploys)
        .eventually(() -> dedup == null ? Future.succeededFuture() : dedup.stop())
        .eventually(directory::stop)
        .eventually(dispatcher::stop)
        .eventually(node::close)
        .mapEmpty();
  }

  /** Lets the gauges, built before the node exists, read it once it does. */
  private static final class Holder {
    volatile ClusterNode node;
    volatile WorkerDirectory directory;

    DoubleSupplier sum(java.util.function.ToIntFunction<WorkerInfo> value) {
      return () -> {
        WorkerDirectory d = directory;
        return d == null ? 0 : d.workers().stream().mapToInt(value).sum();
      };
    }
  }

  /** For logs. */
  @Override
  public String toString() {
    return "gateway " + node.nodeId() + " on " + server.bind().host() + ":" + httpPort();
  }
}
