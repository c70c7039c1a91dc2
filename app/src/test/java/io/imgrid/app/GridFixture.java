package io.imgrid.app;

import io.imgrid.shared.config.ClusterConfig;
import io.imgrid.shared.config.TestTlsStores;
import io.imgrid.shared.config.ImgridConfig;
import io.imgrid.shared.bus.JobHandler;
import io.imgrid.shared.info.InfoOptions;
import io.imgrid.shared.job.CanonicalOptions;
import io.vertx.core.Promise;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Helpers for the grid tests: a real origin server counting fetches, real gateway and worker
 * nodes on one cluster (mutual TLS on the event bus), HTTP and metrics reads, and a pipeline hook
 * that holds jobs whose {@code cachebuster} asks for it:
 *
 * <ul>
 *   <li>{@code cb:hold-*}: the job waits 1.5 s before it runs (keeps a key in flight);
 *   <li>{@code cb:gate-*}: the first run of that cachebuster anywhere blocks until {@link
 *       #release} (later runs pass), and records which worker it blocked on.
 * </ul>
 */
final class GridFixture implements AutoCloseable {
  static final String PASSWORD = TestTlsStores.PASSWORD;

  final String clusterName = "imgrid-grid-test-" + java.util.UUID.randomUUID();
  final Vertx originVertx = Vertx.vertx();
  final Map<String, AtomicInteger> originFetches = new ConcurrentHashMap<>();
  final Map<String, Promise<Void>> gates = new ConcurrentHashMap<>();
  final Map<String, CountDownLatch> gateEntered = new ConcurrentHashMap<>();
  final Map<String, WorkerNode> gateHolder = new ConcurrentHashMap<>();
  final List<GridNode> nodes = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  final ClusterConfig.EventBusTls tls;
  private final byte[] png;
  private HttpServer origin;

  GridFixture(Path tlsDir) throws Exception {
    this.tls = TestTlsStores.selfSigned(tlsDir);
    this.png = gradientPng(320, 240);
  }

  void startOrigin() {
    origin = originVertx.createHttpServer().requestHandler(req -> {
      originFetches.computeIfAbsent(req.path(), p -> new AtomicInteger()).incrementAndGet();
      req.response().putHeader("Content-Type", "image/png").end(Buffer.buffer(png));
    }).listen(0, "127.0.0.1").await();
  }

  String source(String name) {
    return "http://127.0.0.1:" + origin.actualPort() + "/img/" + name + ".png";
  }

  int fetches(String name) {
    AtomicInteger n = originFetches.get("/img/" + name + ".png");
    return n == null ? 0 : n.get();
  }

  Map<String, String> env(String... extra) {
    Map<String, String> env = new HashMap<>();
    env.put("IMGRID_CLUSTER_NAME", clusterName);
    env.put("IMGPROXY_BIND", "127.0.0.1:0");
    env.put("IMGPROXY_PROMETHEUS_BIND", "127.0.0.1:0");
    env.put("IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "true");
    env.put("IMGPROXY_WORKERS", "4");
    env.put("IMGPROXY_TIMEOUT", "20");
    env.put("IMGPROXY_GRACEFUL_STOP_TIMEOUT", "1");
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }

  ClusterConfig cluster(boolean withTls) {
    List<String> seeds = new ArrayList<>();
    if (!nodes.isEmpty()) {
      InetSocketAddress a = nodes.get(0).cluster().memberAddress();
      seeds.add(a.getHostString() + ":" + a.getPort());
    }
    ClusterConfig c = ClusterConfig.loopback(clusterName, seeds)
        .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(4));
    return withTls ? c.withEventBusTls(tls) : c;
  }

  GatewayNode gateway(String... extra) {
    ImgridConfig config = ImgridConfig.load(env(extra), true);
    GatewayNode node = await(GatewayNode.start(config, cluster(true), Duration.ZERO));
    nodes.add(node);
    return node;
  }

  WorkerNode worker(String... extra) {
    ImgridConfig config = ImgridConfig.load(env(extra), true);
    WorkerNode[] self = new WorkerNode[1];
    WorkerNode node = await(WorkerNode.start(config, cluster(true), Duration.ZERO,
        h -> hooked(h, self)));
    self[0] = node;
    nodes.add(node);
    return node;
  }

  private JobHandler hooked(JobHandler inner, WorkerNode[] self) {
    return job -> {
      String text = job.optionsText();
      String cb = InfoOptions.isInfo(text)
          ? InfoOptions.decode(text).cachebuster()
          : CanonicalOptions.decode(text).cachebuster();
      if (cb.startsWith("hold")) {
        return Vertx.currentContext().owner().timer(1_500).compose(v -> inner.handle(job));
      }
      if (cb.startsWith("gate") && gateHolder.putIfAbsent(cb, self[0]) == null) {
        gateEntered.computeIfAbsent(cb, k -> new CountDownLatch(1)).countDown();
        return gate(cb).future().compose(v -> inner.handle(job));
      }
      return inner.handle(job);
    };
  }

  private Promise<Void> gate(String cb) {
    return gates.computeIfAbsent(cb, k -> Promise.promise());
  }

  /** Waits until a gated job blocks on a worker; returns that worker. */
  WorkerNode awaitGate(String cb) throws InterruptedException {
    if (!gateEntered.computeIfAbsent(cb, k -> new CountDownLatch(1)).await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("gate " + cb + " never entered");
    }
    return gateHolder.get(cb);
  }

  void release(String cb) {
    gate(cb).tryComplete();
  }

  /** Stops {@code node} abruptly: it leaves the cluster without draining. */
  Future<Void> kill(GridNode node) {
    nodes.remove(node);
    return node.cluster().close();
  }

  HttpResponse<byte[]> get(GridNode node, String path) throws Exception {
    return http.send(request(node.httpPort(), path), HttpResponse.BodyHandlers.ofByteArray());
  }

  java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> getAsync(GridNode node,
      String path) {
    return http.sendAsync(request(node.httpPort(), path), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(40)).GET().build();
  }

  /** The sum of every sample of {@code metric} on {@code node}'s metrics endpoint. */
  double metric(GridNode node, String metric) throws Exception {
    String text = http.send(request(node.metricsPort(), "/metrics"),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("(?m)^" + metric + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  double jobs(List<WorkerNode> workers) throws Exception {
    double sum = 0;
    for (WorkerNode w : workers) {
      sum += metric(w, "imgrid_jobs_total");
    }
    return sum;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future failed: " + e, e);
    }
  }

  static void eventually(Duration limit, Check check) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() > end) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  @FunctionalInterface
  interface Check {
    void run() throws Exception;
  }

  @Override
  public void close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (GridNode node : nodes) {
      closing.add(node.cluster().close());
    }
    nodes.clear();
    gates.values().forEach(Promise::tryComplete);
    try {
      Future.join(closing).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // best effort at the end of the class
    }
    originVertx.close();
  }

  private static byte[] gradientPng(int w, int h) throws Exception {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | ((x ^ y) & 0xff));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
