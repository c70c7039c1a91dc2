package io.imgrid.app;

import io.imgrid.shared.config.ClusterConfig;
import io.imgrid.shared.config.ImgridConfig;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScratchSigtermTest {
  @Test
  void measure() throws Exception {
    String name = "scratch-" + UUID.randomUUID();
    ImgridConfig config = ImgridConfig.load(Map.of("IMGRID_CLUSTER_NAME", name,
        "IMGPROXY_BIND", "127.0.0.1:0"), true);
    ClusterConfig cluster = ClusterConfig.loopback(name, List.of())
        .withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(10));
    GatewayNode gw = GridFixture.await(GatewayNode.start(config, cluster, Duration.ZERO));
    long[] left = new long[1];
    gw.cluster().membership().onNodeLeft(n -> left[0] = System.nanoTime());
    Path dir = Files.createTempDirectory("scratch");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "worker");
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("IMGPROXY_") || k.startsWith("IMGRID_"));
    env.put("IMGRID_CLUSTER_NAME", name);
    env.put("IMGRID_CLUSTER_PORT", Integer.toString(freePort()));
    env.put("IMGRID_EVENTBUS_PORT", Integer.toString(freePort()));
    env.put("IMGRID_CLUSTER_MEMBERS", "127.0.0.1:" + gw.cluster().memberAddress().getPort());
    env.put("IMGPROXY_BIND", "127.0.0.1:" + freePort());
    env.put("IMGPROXY_GRACEFUL_STOP_TIMEOUT", "2");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
    Process worker = pb.start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (gw.workers().isEmpty() && System.nanoTime() < end) Thread.sleep(50);
    System.out.println("SCRATCH workers " + gw.workers());
    long[] dirGone = new long[1];
    long t0 = System.nanoTime();
    worker.destroy();
    while ((left[0] == 0 || dirGone[0] == 0) && System.nanoTime() - t0 < 30_000_000_000L) {
      if (dirGone[0] == 0 && gw.workers().isEmpty()) dirGone[0] = System.nanoTime();
      Thread.sleep(10);
    }
    worker.waitFor(30, TimeUnit.SECONDS);
    long exited = System.nanoTime();
    System.out.printf("SCRATCH directory empty at %d ms, member left at %d ms, exited by %d ms%n",
        (dirGone[0] - t0) / 1_000_000, (left[0] - t0) / 1_000_000, (exited - t0) / 1_000_000);
    System.out.println("SCRATCH log:\n" + Files.readString(dir.resolve("out.log")));
    GridFixture.await(gw.drain());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
