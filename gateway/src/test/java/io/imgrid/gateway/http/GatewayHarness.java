package io.imgrid.gateway.http;

import io.imgrid.gateway.dispatch.LocalDispatcher;
import io.imgrid.gateway.dispatch.WorkerSlots;
import io.imgrid.gateway.metrics.GatewayMetrics;
import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.Codecs;
import io.imgrid.shared.bus.JobHandler;
import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.JobReplies;
import io.imgrid.shared.bus.ResultMessage;
import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts a real gateway on 127.0.0.1:0 with the real local dispatcher and slots, a stand-in for
 * the URL parser ({@link TestAuthenticator}) and a stand-in worker on the local bus: a source URL
 * containing {@code slow} never completes, others get a 3-byte PNG.
 */
final class GatewayHarness {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N'};

  final Vertx vertx;
  final WorkerSlots slots;
  final GatewayVerticle verticle;
  final WebClient client;

  private GatewayHarness(Vertx vertx, WorkerSlots slots, GatewayVerticle verticle) {
    this.vertx = vertx;
    this.slots = slots;
    this.verticle = verticle;
    this.client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(verticle.actualPort())
                .setKeepAlive(false));
  }

  static GatewayHarness start(Vertx vertx, Map<String, String> env) {
    return start(vertx, env, GatewayMetrics.NOOP);
  }

  static GatewayHarness start(Vertx vertx, Map<String, String> env, GatewayMetrics metrics) {
    Map<String, String> vars = new HashMap<>(env);
    vars.putIfAbsent("IMGPROXY_BIND", "127.0.0.1:0");
    Env e = Env.of(vars);
    ServerConfig config = ServerConfig.from(e, 1);
    e.validate();
    Codecs.register(vertx.eventBus());
    vertx.eventBus().consumer(Addresses.JOBS, m -> JobReplies.serve(m, new TestWorker()));
    WorkerSlots slots = new WorkerSlots(vertx, config.workers(), config.requestsQueueSize());
    GatewayServices services =
        new GatewayServices(
            new TestAuthenticator(),
            new LocalDispatcher(vertx),
            slots,
            metrics,
            () -> !vars.containsKey("TEST_NOT_READY"));
    GatewayVerticle verticle = new GatewayVerticle(config, services);
    vertx.deployVerticle(verticle).await();
    return new GatewayHarness(vertx, slots, verticle);
  }

  HttpResponse<Buffer> send(HttpMethod method, String uri, String... headers) {
    var req = client.request(method, uri);
    for (int i = 0; i < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return req.send().await();
  }

  Future<HttpResponse<Buffer>> sendAsync(String uri) {
    return client.request(HttpMethod.GET, uri).send();
  }

  HttpResponse<Buffer> get(String uri, String... headers) {
    return send(HttpMethod.GET, uri, headers);
  }

  /** A stand-in for the URL parser: the path picks the outcome. */
  static final class TestAuthenticator implements RequestAuthenticator {
    @Override
    public JobRequest authenticate(
        String requestId, String requestUri, MultiMap headers, long deadlineEpochMillis) {
      if (requestUri.startsWith("/kind/")) {
        ErrorKind kind = ErrorKind.valueOf(requestUri.substring("/kind/".length()));
        throw ImgridException.fromWire(kind.code(), kind.status(), "secret-detail-" + kind);
      }
      if (requestUri.equals("/boom")) {
        throw new IllegalStateException("secret-defect-detail");
      }
      JobMessage job =
          new JobMessage(
              requestId, "00", "https://example.com" + requestUri, "", false, false, false, null,
              null, deadlineEpochMillis);
      return new JobRequest(job, 0, null, false, false, requestUri.contains("vary"));
    }
  }

  /** A stand-in worker: never answers for "slow", fails for "fail", else a tiny PNG. */
  static final class TestWorker implements JobHandler {
    @Override
    public Future<ResultMessage> handle(JobMessage job) {
      if (job.sourceUrl().contains("slow")) {
        return Promise.<ResultMessage>promise().future();
      }
      if (job.sourceUrl().contains("fail")) {
        return Future.failedFuture(
            io.imgrid.shared.error.SourceException.originStatus(403, "origin said 403"));
      }
      return Future.succeededFuture(
          new ResultMessage(
              200, "image/png", PNG, 1, 1, 2, 2, "\"etag\"", null, null, null, 3));
    }
  }
}
