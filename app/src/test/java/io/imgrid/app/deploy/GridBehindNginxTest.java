package io.imgrid.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Compose deployment on one machine without Docker: {@code bin/imgrid grid start -g 2 -w 1}
 * with the gateway and worker services' environments from docker-compose.yml, behind the shipped
 * deploy/nginx/imgrid.conf, fetching from the sample origin (deploy/origin/ after gen-samples.sh)
 * served by a second nginx, all on 127.0.0.1. The Compose quick-start request (the READMEs'
 * {@code rs:fill:300:200} of {@code http://origin/gradient.bmp} as JPEG) is served twice, the second
 * time from nginx's cache.
 *
 * <p>What differs from Compose, and why: service host names become 127.0.0.1 with each node on its
 * own ports (grid.sh's per-node values; see {@link ComposeEnv}), in the settings and in the
 * request's source URL alike; the gateway upstreams are the
 * grid's two gateways; and {@code IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES=true} is added, because
 * the origin stand-in is on loopback, which the SSRF guard refuses by default (in Compose the
 * origin is a private address, allowed by default).
 */
class GridBehindNginxTest {
  private static final String QUICK_START = "/unsafe/rs:fill:300:200/plain/http://origin/gradient.bmp@jpg";
  private static final Pattern REQUESTS_TOTAL = Pattern.compile("(?m)^requests_total(?:\\{[^}]*})? (\\S+)$");

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void theQuickStartRequestIsServedTwiceTheSecondTimeFromNginxsCache(@TempDir Path tmp) throws Exception {
    LoopbackNginx.requireNginx();
    Path root = DeployFiles.root();
    Map<String, Object> compose = DeployFiles.document("docker-compose.yml");
    assertThat(DeployFiles.text("README.md") + DeployFiles.text("deploy/README.md")).contains(QUICK_START);

    // The sample origin, as Compose's `origin` service fills and serves it.
    Path webroot = tmp.resolve("origin/html");
    run(List.of("sh", root.resolve("deploy/origin/gen-samples.sh").toString(), webroot.toString()));
    int originPort = freePort();
    int proxyPort = freePort();

    // Each role's Compose environment, rewritten for loopback, in the files grid.sh reads per role.
    Map<String, Integer> standIns = Map.of("origin", originPort);
    Map<String, String> gatewayEnv = ComposeEnv.of(compose, "gateway-1", standIns);
    assertThat(ComposeEnv.of(compose, "gateway-2", standIns)).as("both gateways share one environment")
        .isEqualTo(gatewayEnv);
    Map<String, String> workerEnv = ComposeEnv.of(compose, "worker", standIns);
    assertThat(gatewayEnv.get("IMGPROXY_ALLOWED_SOURCES")).isEqualTo("http://127.0.0.1:" + originPort + "/");
    Map<String, String> gridEnv = new LinkedHashMap<>();
    gridEnv.put("IMGRID_JAR", BinImgridGrid.launcherJar(tmp).toString());
    gridEnv.put("IMGRID_GRID_GATEWAY_ENV", envFile(tmp.resolve("gateway.env"), loopbackOrigin(gatewayEnv)).toString());
    gridEnv.put("IMGRID_GRID_WORKER_ENV", envFile(tmp.resolve("worker.env"), loopbackOrigin(workerEnv)).toString());

    try (LoopbackNginx origin = LoopbackNginx.start(Files.createDirectories(tmp.resolve("origin/nginx")),
            "server {\n    listen 127.0.0.1:" + originPort + ";\n    root " + webroot + ";\n}\n", originPort);
        BinImgridGrid grid = BinImgridGrid.start(root, gridEnv, Files.createDirectories(tmp.resolve("grid")), 2, 1);
        LoopbackNginx proxy = LoopbackNginx.start(Files.createDirectories(tmp.resolve("proxy")),
            shippedConf(tmp, grid.gateways(), proxyPort), proxyPort)) {
      try {
        for (BinImgridGrid.Node node : grid.nodes()) {
          assertRunsWith(node, node.role().equals("gateway") ? loopbackOrigin(gatewayEnv) : loopbackOrigin(workerEnv));
        }
        // The quick-start path with its source's host, `origin`, rewritten to the stand-in.
        String path = QUICK_START.replace("http://origin/", "http://127.0.0.1:" + originPort + "/");
        URI uri = URI.create("http://127.0.0.1:" + proxyPort + path);
        long before = requestsTotal(grid);
        HttpResponse<byte[]> first = get(uri);
        long afterFirst = requestsTotal(grid);
        HttpResponse<byte[]> second = get(uri);
        long afterSecond = requestsTotal(grid);

        for (HttpResponse<byte[]> r : List.of(first, second)) {
          assertThat(r.statusCode()).as(BinImgridGrid.utf8(r.body())).isEqualTo(200);
          assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
          BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
          assertThat(image).as("a decodable JPEG").isNotNull();
          assertThat(image.getWidth()).isEqualTo(300);
          assertThat(image.getHeight()).isEqualTo(200);
        }
        assertThat(second.body()).isEqualTo(first.body());
        // Proof of the cache twice over: nginx says so, and no gateway saw the second request.
        assertThat(first.headers().firstValue("X-Cache-Status")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Cache-Status")).hasValue("HIT");
        assertThat(afterFirst).as("requests_total over the gateways after the first request").isEqualTo(before + 1);
        assertThat(afterSecond).as("requests_total over the gateways after the cached one").isEqualTo(afterFirst);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(e.getMessage() + "\n--- proxy nginx log\n" + proxy.log()
            + "\n--- origin nginx log\n" + origin.log() + grid.logs(), e);
      }
    }
  }

  /**
   * The node's JVM got its role's Compose settings, with grid.sh's per-node values winning
   * (read from /proc/PID/environ: bin/imgrid execs java, so the PID is the JVM's).
   */
  private static void assertRunsWith(BinImgridGrid.Node node, Map<String, String> roleEnv) throws IOException {
    Map<String, String> actual = new LinkedHashMap<>();
    for (String entry : Files.readString(Path.of("/proc/" + node.pid() + "/environ")).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        actual.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    assertThat(actual).as(node + " environment").containsAllEntriesOf(roleEnv)
        .containsEntry("IMGPROXY_BIND", "127.0.0.1:" + node.http())
        .containsEntry("IMGPROXY_PROMETHEUS_BIND", "127.0.0.1:" + node.metrics())
        .containsEntry("IMGRID_CLUSTER_HOST", "127.0.0.1");
    assertThat(actual.get("IMGRID_CLUSTER_NAME")).as(node + " cluster name").startsWith("imgrid-grid-");
  }

  /** The test's one addition to both roles: the origin stand-in is on loopback. */
  private static Map<String, String> loopbackOrigin(Map<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>(env);
    out.put("IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "true");
    return out;
  }

  /**
   * deploy/nginx/imgrid.conf with its marked lines rewritten as .ci/nginx-check.sh does, except
   * that the upstreams are the grid's gateways in order (gateway-1, gateway-2) on their own ports.
   */
  private static String shippedConf(Path tmp, List<BinImgridGrid.Node> gateways, int listenPort) throws IOException {
    Path cache = Files.createDirectories(tmp.resolve("proxy-cache"));
    List<String> out = new ArrayList<>();
    Map<String, Integer> hits = new LinkedHashMap<>(Map.of("upstream", 0, "cache-path", 0, "listen", 0));
    Set<String> upstreamHosts = new HashSet<>();
    for (String line : DeployFiles.text("deploy/nginx/imgrid.conf").split("\n", -1)) {
      if (line.endsWith("# imgrid:upstream")) {
        Matcher m = Pattern.compile("server ([^ ;:]+):[0-9]+").matcher(line);
        assertThat(m.find()).as("upstream line: " + line).isTrue();
        int i = hits.merge("upstream", 1, Integer::sum) - 1;
        assertThat(i).as("more upstream lines than grid gateways").isLessThan(gateways.size());
        upstreamHosts.add(m.group(1));
        line = m.replaceFirst("server 127.0.0.1:" + gateways.get(i).http());
      } else if (line.endsWith("# imgrid:cache-path")) {
        hits.merge("cache-path", 1, Integer::sum);
        line = line.replaceFirst("proxy_cache_path [^ ]+", "proxy_cache_path " + Matcher.quoteReplacement(cache.toString()));
      } else if (line.endsWith("# imgrid:listen")) {
        hits.merge("listen", 1, Integer::sum);
        line = line.replaceFirst("listen [^;]+;", "listen 127.0.0.1:" + listenPort + ";");
      }
      out.add(line);
    }
    assertThat(hits).as("marked lines in deploy/nginx/imgrid.conf")
        .containsEntry("upstream", gateways.size()).containsEntry("cache-path", 1).containsEntry("listen", 1);
    assertThat(upstreamHosts).containsExactlyInAnyOrder("gateway-1", "gateway-2");
    return String.join("\n", out);
  }

  private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** imgproxy's {@code requests_total}, summed over every gateway's metrics endpoint. */
  private long requestsTotal(BinImgridGrid grid) throws IOException, InterruptedException {
    long total = 0;
    for (BinImgridGrid.Node g : grid.gateways()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.metrics() + "/metrics"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      Matcher m = REQUESTS_TOTAL.matcher(r.body());
      assertThat(m.find()).as("requests_total in\n" + r.body()).isTrue();
      total += (long) Double.parseDouble(m.group(1));
    }
    return total;
  }

  private static Path envFile(Path file, Map<String, String> env) throws IOException {
    String text = env.entrySet().stream().map(e -> {
      assertThat(e.getValue()).as(e.getKey()).doesNotContain("\n");
      return e.getKey() + "=" + e.getValue();
    }).collect(Collectors.joining("\n", "", "\n"));
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
  }
}
