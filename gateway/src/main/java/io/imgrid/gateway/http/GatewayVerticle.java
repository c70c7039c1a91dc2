package io.imgrid.gateway.http;

import io.imgrid.shared.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The imgproxy HTTP surface (contract §5.1), every route under {@code IMGPROXY_PATH_PREFIX}:
 * {@code GET /health} (and {@code IMGPROXY_HEALTH_CHECK_PATH}), {@code GET /health/ready},
 * {@code GET /} (landing page), 404 for {@code /favicon.ico} and {@code /.well-known/*},
 * {@code GET /*} processing, {@code HEAD /*} and {@code OPTIONS /*} answered 200 without
 * processing, anything else 404. {@link #start()} completes once the server listens.
 *
 * <p>Register the bus codecs on the Vert.x instance before deploying (see
 * {@link io.imgrid.shared.bus.Codecs#register}).
 */
public final class GatewayVerticle extends VerticleBase {
  private final ServerConfig config;
  private final GatewayServices services;
  private final Clock clock;
  private HttpServer server;
  private ConnectionGuard guard;

  public GatewayVerticle(ServerConfig config, GatewayServices services) {
    this(config, services, Clock.systemUTC());
  }

  /** As above with a clock, for tests of time-dependent headers. */
  public GatewayVerticle(ServerConfig config, GatewayServices services, Clock clock) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.services = Objects.requireNonNull(services, "services == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setMaxInitialLineLength(1 << 20)
            .setMaxHeaderSize(1 << 20)
            .setCompressionSupported(false)
            // imgproxy speaks HTTP/1.1 (and HTTP/2 only over TLS): no cleartext h2c upgrade.
            .setHttp2ClearTextEnabled(false);
    // No server idle timeout: Vert.x's would also cut a request still being processed (a job
    // retried after a lost worker can take the whole IMGPROXY_TIMEOUT). IMGPROXY_KEEP_ALIVE_TIMEOUT
    // is imgproxy's idle time between requests, enforced by the ConnectionGuard.
    guard =
        new ConnectionGuard(
            vertx, config.maxClients(), config.readRequestTimeout(), config.keepAliveTimeout());
    server =
        vertx.createHttpServer(options).connectionHandler(guard::onConnection).requestHandler(router());
    return server.listen(config.bind().port(), config.bind().host());
  }

  /**
   * Graceful stop ({@code IMGPROXY_GRACEFUL_STOP_TIMEOUT}): stop accepting, let in-flight requests
   * finish within the timeout, then close what is left.
   */
  @Override
  public Future<?> stop() {
    if (server == null) {
      return Future.succeededFuture();
    }
    return server.shutdown(config.gracefulStopTimeout().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The bound port (useful with port 0); -1 before {@link #start()} completes. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  private Router router() {
    String p = config.pathPrefix();
    Set<String> health = new HashSet<>();
    health.add(p + "/health");
    if (config.healthCheckPath() != null) {
      health.add(p + config.healthCheckPath());
    }
    Router router = Router.router(vertx);
    router.route().handler(guard);
    router.route().handler(new CommonHeadersHandler(new RequestIds(), health));
    router.route().failureHandler(new FailureHandler(config.developmentErrorsMode(), services.metrics()));

    for (String path : health) {
      router.get(path).handler(SimpleRoutes.health());
    }
    router.get(p + "/health/ready").handler(SimpleRoutes.ready(services.readiness()));
    router.get(p + "/").handler(SimpleRoutes.landing());
    if (!p.isEmpty()) {
      router.get(p).handler(SimpleRoutes.landing());
    }
    router.get(p + "/favicon.ico").handler(SimpleRoutes.notFound());
    router.get(p + "/.well-known/*").handler(SimpleRoutes.notFound());

    router
        .get(p + "/*")
        .handler(AccessControl.cors(config.allowOrigin()))
        .handler(AccessControl.secret(config.secret()))
        .handler(new ProcessingHandler(config, services, clock));
    router.route(HttpMethod.HEAD, p + "/*").handler(AccessControl.cors(config.allowOrigin())).handler(SimpleRoutes.ok());
    router
        .route(HttpMethod.OPTIONS, p + "/*")
        .handler(AccessControl.cors(config.allowOrigin()))
        .handler(SimpleRoutes.ok());
    router.route().last().handler(SimpleRoutes.notFound());
    return router;
  }
}
