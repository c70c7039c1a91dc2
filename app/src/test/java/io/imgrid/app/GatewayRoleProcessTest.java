package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code imgrid gateway} as its own JVM, with {@code IMGRID_LIBVIPS_PATH} pointing nowhere: it
 * starts, answers {@code /health}, is not ready without workers, drains on SIGTERM, and never
 * loads a worker, libvips or JNA class (read from the JVM's class-loading log).
 */
@Timeout(120)
class GatewayRoleProcessTest {
  @Test
  void theGatewayRoleRunsWithoutLibvipsAndDrainsOnSigterm() throws Exception {
    Path dir = Files.createTempDirectory("imgrid-gateway-role");
    Path classLog = dir.resolve("classes.log");
    int http = freePort();
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-Xlog:class+load=info:file=" + classLog,
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "gateway");
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("IMGPROXY_") || k.startsWith("IMGRID_"));
    env.put("IMGRID_CLUSTER_NAME", "imgrid-role-test-" + UUID.randomUUID());
    env.put("IMGRID_CLUSTER_PORT", Integer.toString(freePort()));
    env.put("IMGRID_EVENTBUS_PORT", Integer.toString(freePort()));
    env.put("IMGRID_LIBVIPS_PATH", "/nonexistent");
    env.put("IMGPROXY_BIND", "127.0.0.1:" + http);
    env.put("IMGPROXY_GRACEFUL_STOP_TIMEOUT", "2");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
    Process gateway = pb.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      int health = -1;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (health != 200 && System.nanoTime() < end && gateway.isAlive()) {
        health = status(client, http, "/health");
        Thread.sleep(200);
      }
      assertThat(health).as(Files.readString(dir.resolve("out.log"))).isEqualTo(200);
      assertThat(status(client, http, "/health/ready")).isEqualTo(503);

      gateway.destroy(); // SIGTERM
      assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(dir.resolve("out.log"))).contains("drained and left the cluster");
    } finally {
      gateway.destroyForcibly();
    }
    List<String> loaded = Files.readAllLines(classLog);
    assertThat(loaded).anyMatch(l -> l.contains("io.imgrid.app.GatewayNode"));
    assertThat(loaded).noneMatch(l -> l.contains("io.imgrid.worker."));
    assertThat(loaded).noneMatch(l -> l.contains("com.sun.jna."));
  }

  private static int status(HttpClient client, int port, String path) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
