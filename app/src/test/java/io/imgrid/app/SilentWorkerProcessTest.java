package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.ClusterConfig;
import io.imgrid.shared.config.ImgridConfig;
import io.imgrid.worker.vips.VipsUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker JVM frozen with SIGSTOP while it holds jobs (its sockets stay open, so nothing is
 * reset, as with a container or host that dies): with production's 10 s deadline and 10 s
 * member timeout, every request still succeeds, each well under 5 s, because the gateway gives
 * the silent worker's jobs up after {@code IMGRID_WORKER_SILENCE_MS} and retries them on the
 * other worker. Real libvips workers (one a child process), a real gateway, a real origin.
 */
@Timeout(180)
class SilentWorkerProcessTest {
  private static final int JOBS = 8;
  /** The child worker's User-Agent: the origin tells its fetches apart by it. */
  private static final String FROZEN_AGENT = "imgrid-frozen-worker";
  /** The origin holds the child's fetches this long, so its jobs are in flight at the freeze. */
  private static final long FROZEN_DELAY_MILLIS = 5_000;

  @Test
  void aWorkerFrozenMidJobCostsNoRequestAndNoneWaitsForTheDeadline() throws Exception {
    try {
      io.imgrid.worker.vips.Vips.init();
    } catch (VipsUnavailableException e) {
      throw new AssertionError("libvips is required: apt-get install -y libvips42", e);
    }
    String name = "imgrid-silent-test-" + UUID.randomUUID();
    Vertx originVertx = Vertx.vertx();
    AtomicInteger frozenFetches = new AtomicInteger();
    byte[] png = png();
    HttpServer origin = originVertx.createHttpServer().requestHandler(req -> {
      boolean frozenWorker = FROZEN_AGENT.equals(req.getHeader("User-Agent"))
          && req.path().startsWith("/img/held/");
      if (frozenWorker) {
        frozenFetches.incrementAndGet();
      }
      originVertx.setTimer(frozenWorker ? FROZEN_DELAY_MILLIS : 1, t -> req.response()
          .putHeader("Content-Type", "image/png").end(Buffer.buffer(png)));
    }).listen(0, "127.0.0.1").await();
    List<GridNode> nodes = new ArrayList<>();
    Process frozen = null;
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try {
      Map<String, String> env = env(name);
      ClusterConfig cluster = ClusterConfig.loopback(name, List.of())
          .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(10));
      GatewayNode gateway = GridFixture.await(
          GatewayNode.start(ImgridConfig.load(env, true), cluster, Duration.ZERO));
      nodes.add(gateway);
      InetSocketAddress seed = gateway.cluster().memberAddress();
      WorkerNode steady = GridFixture.await(WorkerNode.start(ImgridConfig.load(env, true),
          cluster.withMembers(List.of("127.0.0.1:" + seed.getPort())), Duration.ZERO, h -> h));
      nodes.add(steady);
      Path dir = Files.createTempDirectory("imgrid-silent");
      frozen = childWorker(env, seed.getPort(), dir);
      Process child = frozen;
      GridFixture.eventually(Duration.ofSeconds(60), () -> {
        assertThat(child.isAlive()).as(Files.readString(dir.resolve("out.log"))).isTrue();
        assertThat(gateway.workers()).hasSize(2);
      });

      // both workers warm (first jobs pay for JIT and libvips' first calls), then the drill
      for (CompletableFuture<Long> warm : requests(http, gateway, origin, "warm")) {
        warm.get(60, TimeUnit.SECONDS);
      }
      List<CompletableFuture<Long>> took = requests(http, gateway, origin, "held");
      // the child holds jobs (waiting for the origin) when it freezes
      GridFixture.eventually(Duration.ofSeconds(20),
          () -> assertThat(frozenFetches).hasValueGreaterThanOrEqualTo(2));
      signal("STOP", frozen);
      int held = frozenFetches.get();
      List<Long> millis = new ArrayList<>();
      for (CompletableFuture<Long> t : took) {
        millis.add(t.get(30, TimeUnit.SECONDS));
      }
      assertThat(millis).allMatch(ms -> ms < 5_000);
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + gateway.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
          .body();
      double silent = metric(metrics, "imgrid_dispatch_silent_total");
      assertThat(silent).isGreaterThanOrEqualTo(held);
      assertThat(metric(metrics, "imgrid_dispatch_retries_total")).isEqualTo(silent);
      assertThat(metric(metrics, "imgrid_quarantined_total")).isZero();
      System.out.printf("SIGSTOP of a worker holding %d: %d requests, all 200, in %s ms, %d"
          + " given up as silent and retried%n", held, JOBS, millis.stream().sorted().toList(),
          (long) silent);
    } finally {
      if (frozen != null) {
        frozen.destroyForcibly(); // SIGKILL ends a stopped process too
        frozen.waitFor(20, TimeUnit.SECONDS);
      }
      for (GridNode node : nodes) {
        node.cluster().close().toCompletionStage().toCompletableFuture()
            .get(60, TimeUnit.SECONDS);
      }
      originVertx.close();
    }
  }

  /** {@link #JOBS} distinct requests under {@code /img/<dir>/}; each answers its time in ms. */
  private static List<CompletableFuture<Long>> requests(HttpClient http, GatewayNode gateway,
      HttpServer origin, String dir) {
    List<CompletableFuture<Long>> took = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      URI uri = URI.create("http://127.0.0.1:" + gateway.httpPort() + "/unsafe/rs:fill:90:60"
          + "/plain/http://127.0.0.1:" + origin.actualPort() + "/img/" + dir + "/" + i
          + ".png@png");
      long start = System.nanoTime();
      took.add(http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
              .build(), HttpResponse.BodyHandlers.ofByteArray())
          .thenApply(res -> {
            assertThat(res.statusCode()).as(new String(res.body())).isEqualTo(200);
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
          }));
    }
    return took;
  }

  private static Map<String, String> env(String cluster) {
    Map<String, String> env = new HashMap<>();
    env.put("IMGRID_CLUSTER_NAME", cluster);
    env.put("IMGPROXY_BIND", "127.0.0.1:0");
    env.put("IMGPROXY_PROMETHEUS_BIND", "127.0.0.1:0");
    env.put("IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "true");
    env.put("IMGPROXY_WORKERS", Integer.toString(JOBS / 2));
    env.put("IMGPROXY_TIMEOUT", "10");
    env.put("IMGRID_DEDUP", "false");
    return env;
  }

  /** {@code imgrid worker} in its own JVM, joined to the gateway's cluster. */
  private static Process childWorker(Map<String, String> base, int seedPort, Path dir)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "worker");
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("IMGPROXY_") || k.startsWith("IMGRID_"));
    env.putAll(base);
    env.put("IMGRID_CLUSTER_PORT", Integer.toString(freePort()));
    env.put("IMGRID_EVENTBUS_PORT", Integer.toString(freePort()));
    env.put("IMGRID_CLUSTER_MEMBERS", "127.0.0.1:" + seedPort);
    env.put("IMGRID_MEMBER_TIMEOUT_SECONDS", "10");
    env.put("IMGPROXY_BIND", "127.0.0.1:" + freePort());
    env.put("IMGPROXY_USER_AGENT", FROZEN_AGENT);
    env.remove("IMGPROXY_PROMETHEUS_BIND");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
    return pb.start();
  }

  private static double metric(String text, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  private static void signal(String signal, Process process) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
        .inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static byte[] png() throws IOException {
    BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 240; y++) {
      for (int x = 0; x < 320; x++) {
        image.setRGB(x, y, (x * 255 / 320) << 16 | (y * 255 / 240) << 8 | 128);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
