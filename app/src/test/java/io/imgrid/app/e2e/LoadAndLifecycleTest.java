package io.imgrid.app.e2e;

import static io.imgrid.app.e2e.E2eNode.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Load and lifecycle with real processing: a full queue is 429, a request that runs out of
 * {@code IMGPROXY_TIMEOUT} is 503, a client that leaves is logged as 499 without cancelling the
 * job, and a graceful stop lets in-flight requests finish.
 */
class LoadAndLifecycleTest {
  /** Real, deliberately slow work: a large blur on a 1200×1000 source. */
  static final String HEAVY = "/unsafe/rs:fill:1200:1000/bl:6/plain/local:///big.jpg@png";

  /** Work that takes well over a second on any machine: a very large blur. */
  static final String HEAVIER = "/unsafe/rs:fill:1200:1000/bl:60/plain/local:///big.jpg@png";

  private static List<HttpResponse<byte[]>> burst(E2eNode node, int n) {
    return burst(node, HEAVY, n);
  }

  private static List<HttpResponse<byte[]>> burst(E2eNode node, String path, int n) {
    List<CompletableFuture<HttpResponse<byte[]>>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(node.sendAsync("GET", path + "?n=" + i));
    }
    List<HttpResponse<byte[]>> out = new ArrayList<>();
    for (CompletableFuture<HttpResponse<byte[]>> f : all) {
      out.add(f.join());
    }
    return out;
  }

  @Test
  void aFullQueueIs429AtOnce() {
    try (E2eNode node =
        E2eNode.start(Map.of("IMGPROXY_WORKERS", "1", "IMGPROXY_REQUESTS_QUEUE_SIZE", "1"))) {
      List<HttpResponse<byte[]>> answers = burst(node, 6);
      List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
      assertThat(statuses).contains(200, 429).containsOnly(200, 429);
      for (HttpResponse<byte[]> r : answers) {
        if (r.statusCode() == 429) {
          assertThat(body(r)).isEqualTo("Too many requests");
          assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
        }
      }
      assertThat(node.get("/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void runningOutOfTheRequestTimeoutIs503() {
    try (E2eNode node = E2eNode.start(Map.of("IMGPROXY_WORKERS", "1", "IMGPROXY_TIMEOUT", "1"))) {
      List<HttpResponse<byte[]>> answers = burst(node, HEAVIER, 2);
      assertThat(answers.stream().map(HttpResponse::statusCode)).contains(503).isSubsetOf(200, 503);
      answers.stream()
          .filter(r -> r.statusCode() == 503)
          .forEach(r -> assertThat(body(r)).isEqualTo("Timeout"));
    }
  }

  @Test
  void aClientThatLeavesIsLogged499AndTheJobRunsOn() throws Exception {
    List<Integer> runningAt499 = new CopyOnWriteArrayList<>();
    try (E2eNode node = E2eNode.start(Map.of("IMGPROXY_WORKERS", "1"))) {
      Handler capture =
          new Handler() {
            @Override
            public void publish(LogRecord record) {
              Object[] p = record.getParameters();
              if (p != null && p.length == 1 && p[0] instanceof Map<?, ?> fields
                  && Integer.valueOf(499).equals(fields.get("status"))) {
                runningAt499.add(node.node.jobsRunning());
              }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      Logger http = Logger.getLogger("imgrid.http");
      http.addHandler(capture);
      try {
        HttpClient impatient =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<Void>> gone =
            impatient.sendAsync(
                HttpRequest.newBuilder(URI.create(node.base() + HEAVIER))
                    .timeout(Duration.ofMillis(150))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(gone).failsWithin(Duration.ofSeconds(5));
        long until = System.currentTimeMillis() + 10_000;
        while (runningAt499.isEmpty() && System.currentTimeMillis() < until) {
          Thread.sleep(20);
        }
        assertThat(runningAt499).isNotEmpty();
        assertThat(runningAt499.get(0)).as("the job still holds its slot after the 499").isEqualTo(1);
        while (node.node.jobsRunning() > 0 && System.currentTimeMillis() < until) {
          Thread.sleep(20);
        }
        assertThat(node.node.jobsRunning()).isZero();
      } finally {
        http.removeHandler(capture);
      }
    }
  }

  @Test
  void aGracefulStopFinishesInFlightRequests() throws Exception {
    E2eNode node = E2eNode.start(Map.of("IMGPROXY_WORKERS", "1", "IMGPROXY_GRACEFUL_STOP_TIMEOUT", "10"));
    CompletableFuture<HttpResponse<byte[]>> inFlight = node.sendAsync("GET", HEAVIER);
    long until = System.currentTimeMillis() + 5_000;
    while (node.node.jobsRunning() == 0 && System.currentTimeMillis() < until) {
      Thread.sleep(5);
    }
    assertThat(node.node.jobsRunning()).isEqualTo(1);
    node.close();
    HttpResponse<byte[]> r = inFlight.get();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(node.sendAsync("GET", "/health")).failsWithin(Duration.ofSeconds(5));
  }
}
