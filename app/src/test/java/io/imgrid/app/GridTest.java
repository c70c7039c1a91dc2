package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.app.e2e.ServerTimingE2eTest;
import io.imgrid.gateway.cluster.BusFailures;
import io.imgrid.gateway.cluster.ClusterNode;
import io.imgrid.gateway.cluster.ClusteredVertxFactory;
import io.imgrid.gateway.cluster.WorkerAnnouncer;
import io.imgrid.gateway.cluster.WorkerInfo;
import io.imgrid.shared.bus.Addresses;
import io.imgrid.shared.bus.JobMessage;
import io.imgrid.worker.vips.VipsUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The clustered grid end to end, on real nodes in one JVM: two gateways and two libvips workers
 * (the real {@link io.imgrid.worker.job.WorkerJobHandler}) joined by Hazelcast on loopback with
 * mutual TLS on the event bus, a real origin server, real HTTP. The tests that take nodes down
 * run last.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridTest {
  private GridFixture grid;
  private WorkerNode w1;
  private WorkerNode w2;
  private GatewayNode g1;
  private GatewayNode g2;
  private final List<WorkerNode> workers = new ArrayList<>();

  @BeforeAll
  void startGrid() throws Exception {
    try {
      io.imgrid.worker.vips.Vips.init();
    } catch (VipsUnavailableException e) {
      throw new AssertionError("libvips is required: apt-get install -y libvips42", e);
    }
    grid = new GridFixture(Files.createTempDirectory("imgrid-grid-tls"));
    grid.startOrigin();
    w1 = grid.worker();
    w2 = grid.worker();
    workers.add(w1);
    workers.add(w2);
    g1 = grid.gateway();
    g2 = grid.gateway();
    GridFixture.eventually(Duration.ofSeconds(10), () -> {
      assertThat(g1.workers()).hasSize(2);
      assertThat(g2.workers()).hasSize(2);
    });
  }

  @AfterAll
  void stopGrid() {
    if (grid != null) {
      grid.close();
    }
  }

  private String path(String options, String source) {
    return "/unsafe/" + options + "/plain/" + grid.source(source);
  }

  @Test
  @Order(1)
  void readyWithWorkersNotReadyWithoutAndNothingListensOutsideLoopback() throws Exception {
    assertThat(grid.get(g1, "/health/ready").statusCode()).isEqualTo(200);
    assertThat(grid.get(w1, "/health").statusCode()).isEqualTo(200);
    assertThat(grid.get(w1, "/unsafe/plain/x").statusCode()).isEqualTo(404);
    assertThat(grid.metric(g1, "imgrid_workers")).isEqualTo(2);
    assertThat(grid.metric(g1, "imgrid_cluster_members")).isEqualTo(4);
    assertThat(grid.metric(g1, "imgrid_worker_free_slots")).isEqualTo(8);

    // a gateway alone in its own cluster sees no worker: not ready
    GridFixture lonely = new GridFixture(Files.createTempDirectory("imgrid-lonely"));
    try {
      GatewayNode alone = lonely.gateway();
      assertThat(lonely.get(alone, "/health").statusCode()).isEqualTo(200);
      assertThat(lonely.get(alone, "/health/ready").statusCode()).isEqualTo(503);
    } finally {
      lonely.close();
    }

    List<String> listening = ListeningSockets.ofThisProcess();
    assertThat(listening).isNotEmpty();
    assertThat(listening).allSatisfy(a -> assertThat(a).startsWith("127.0.0.1:"));
    for (GridNode node : List.of(w1, w2, g1, g2)) {
      assertThat(listening).contains("127.0.0.1:" + node.cluster().memberAddress().getPort(),
          "127.0.0.1:" + node.cluster().eventBusAddress().getPort(),
          "127.0.0.1:" + node.httpPort());
    }
  }

  @Test
  @Order(2)
  void identicalRequestsOnTwoGatewaysRunOnce() throws Exception {
    double jobsBefore = grid.jobs(workers);
    String p = path("rs:fill:120:90/cb:hold-dedup", "dedup");
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      responses.add(grid.getAsync(i % 2 == 0 ? g1 : g2, p));
    }
    Set<String> bodies = new HashSet<>();
    for (CompletableFuture<HttpResponse<byte[]>> r : responses) {
      HttpResponse<byte[]> res = r.get(40, TimeUnit.SECONDS);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("Content-Type")).hasValue("image/png");
      bodies.add(sha256(res.body()));
    }
    assertThat(bodies).hasSize(1);
    assertThat(grid.fetches("dedup")).isEqualTo(1);
    GridFixture.eventually(Duration.ofSeconds(3),
        () -> assertThat(grid.jobs(workers) - jobsBefore).isEqualTo(1));
    assertThat(grid.metric(g1, "imgrid_dedup_leaders_total")
        + grid.metric(g2, "imgrid_dedup_leaders_total")).isEqualTo(1);
    assertThat(grid.metric(g1, "imgrid_dedup_followers_total")
        + grid.metric(g2, "imgrid_dedup_followers_total")).isGreaterThanOrEqualTo(1);
  }

  @Test
  @Order(2)
  void infoRequestsAreJobsDeduplicatedAcrossGatewaysLikeAnyOther() throws Exception {
    double jobsBefore = grid.jobs(workers);
    String p = "/info/unsafe/avg:1/th:1/cb:hold-info/plain/" + grid.source("info");
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      responses.add(grid.getAsync(i % 2 == 0 ? g1 : g2, p));
    }
    Set<String> bodies = new HashSet<>();
    for (CompletableFuture<HttpResponse<byte[]>> r : responses) {
      HttpResponse<byte[]> res = r.get(40, TimeUnit.SECONDS);
      assertThat(res.statusCode()).isEqualTo(200);
      assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
      bodies.add(new String(res.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(bodies).hasSize(1);
    JsonObject info = new JsonObject(bodies.iterator().next());
    assertThat(info.getString("format")).isEqualTo("png");
    assertThat(info.getInteger("width")).isEqualTo(320);
    assertThat(info.getInteger("height")).isEqualTo(240);
    assertThat(info.getJsonObject("average").getInteger("A")).isEqualTo(255);
    assertThat(info.getString("thumbhash")).isNotEmpty();
    // one fetch and one job; the processing URL for the same source is a different job
    assertThat(grid.fetches("info")).isEqualTo(1);
    GridFixture.eventually(Duration.ofSeconds(3),
        () -> assertThat(grid.jobs(workers) - jobsBefore).isEqualTo(1));
    assertThat(grid.get(g1, path("rs:fit:10", "info")).headers().firstValue("Content-Type"))
        .hasValue("image/png");
    assertThat(grid.get(g2, "/info/unsafe/nope:1/plain/" + grid.source("info")).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(2)
  void serverTimingShowsTheWorkersPhasesAcrossTheBusWhenOn() throws Exception {
    String p = path("rs:fit:64:48/cb:timing", "timing");
    assertThat(grid.get(g1, p).headers().firstValue("Server-Timing")).isEmpty();
    GatewayNode timed = grid.gateway("IMGRID_SERVER_TIMING", "true");
    try {
      GridFixture.eventually(Duration.ofSeconds(10),
          () -> assertThat(timed.workers()).hasSize(2));
      HttpResponse<byte[]> r = grid.get(timed, path("rs:fit:64:48/cb:timing-on", "timing"));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(ServerTimingE2eTest.names(r)).containsExactly("parse", "queue", "dispatch",
          "fetch", "pool", "load", "process", "save", "total");
      assertThat(ServerTimingE2eTest.millis(r, "dispatch"))
          .isGreaterThanOrEqualTo(ServerTimingE2eTest.millis(r, "save"));
    } finally {
      GridFixture.await(grid.kill(timed));
    }
  }

  @Test
  @Order(3)
  void fiftyDistinctRequestsGetFiftyDistinctResults() throws Exception {
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      responses.add(grid.getAsync(i % 2 == 0 ? g1 : g2,
          path("rs:fill:" + (20 + i) + ":" + (30 + i), "distinct")));
    }
    Set<String> bodies = new HashSet<>();
    for (CompletableFuture<HttpResponse<byte[]>> r : responses) {
      HttpResponse<byte[]> res = r.get(40, TimeUnit.SECONDS);
      assertThat(res.statusCode()).isEqualTo(200);
      bodies.add(sha256(res.body()));
    }
    assertThat(bodies).hasSize(50);
  }

  @Test
  @Order(4)
  void dispatchPrefersTheIdleWorker() throws Exception {
    CompletableFuture<HttpResponse<byte[]>> held =
        grid.getAsync(g1, path("rs:fit:50:50/cb:gate-idle", "idle"));
    WorkerNode busy = grid.awaitGate("cb:gate-idle".substring(3));
    WorkerNode idle = busy == w1 ? w2 : w1;
    double busyBefore = grid.metric(busy, "imgrid_jobs_total");
    double idleBefore = grid.metric(idle, "imgrid_jobs_total");
    Thread.sleep(700); // both workers have announced since
    for (int i = 0; i < 6; i++) {
      assertThat(grid.get(g1, path("rs:fit:" + (60 + i) + ":60", "idle")).statusCode())
          .isEqualTo(200);
      Thread.sleep(250);
    }
    assertThat(grid.metric(idle, "imgrid_jobs_total") - idleBefore).isEqualTo(6);
    assertThat(grid.metric(busy, "imgrid_jobs_total") - busyBefore).isZero();
    grid.release("gate-idle");
    assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(5)
  void aWorkerAnswersUnreadableToAnotherVersionAndTheGatewayPicksAnother() throws Exception {
    // a real worker handed a job blob of the next wire version answers the typed failure at once
    JobMessage job = new JobMessage("r", "k", grid.source("v2"), "", false, false, false, null,
        null, System.currentTimeMillis() + 10_000);
    byte[] next = job.toBytes();
    next[0] = (byte) (JobMessage.VERSION + 1);
    Future<?> reply = g1.cluster().vertx().eventBus()
        .request(Addresses.workerJobs(w1.cluster().nodeId()), Buffer.buffer(next));
    Throwable failure = catchFailure(reply);
    assertThat(BusFailures.isSignal(failure, BusFailures.UNREADABLE)).as("%s", failure).isTrue();

    // a node that reads no version of ours, announcing many free slots: always picked first
    ClusterNode newer = GridFixture.await(new ClusteredVertxFactory(grid.cluster(true))
        .withJoinWait(Duration.ZERO).start());
    AtomicInteger received = new AtomicInteger();
    String address = Addresses.workerJobs(newer.nodeId());
    GridFixture.await(newer.vertx().eventBus().consumer(address, m -> {
      received.incrementAndGet();
      m.fail(BusFailures.UNREADABLE, "wire version 1 is not readable here");
    }).completion());
    WorkerAnnouncer announcer = new WorkerAnnouncer(newer.vertx(),
        new WorkerInfo(newer.nodeId(), address, 64, 64, Set.of("png", "jpeg", "webp"), false),
        Duration.ofMillis(200));
    announcer.start();
    try {
      GridFixture.eventually(Duration.ofSeconds(5),
          () -> assertThat(g1.workers()).hasSize(3));
      for (int i = 0; i < 5; i++) {
        assertThat(grid.get(g1, path("rs:fit:" + (40 + i) + ":40", "v2")).statusCode())
            .isEqualTo(200);
      }
      assertThat(received.get()).isGreaterThanOrEqualTo(1);
    } finally {
      announcer.stop();
      GridFixture.await(newer.close());
    }
  }

  @Test
  @Order(6)
  void aNodeWithoutTheCertificateExchangesNoMessage() throws Exception {
    ClusterNode rogue = GridFixture.await(new ClusteredVertxFactory(grid.cluster(false))
        .withJoinWait(Duration.ZERO).start());
    try {
      // it joins Hazelcast (open source has no member authentication)...
      GridFixture.eventually(Duration.ofSeconds(5),
          () -> assertThat(g1.cluster().memberCount()).isEqualTo(5));
      double jobsBefore = grid.jobs(workers);
      // ...but cannot post a job to a worker...
      JobMessage job = new JobMessage("r", "k", grid.source("rogue"),
          "", false, false, false, null, null, System.currentTimeMillis() + 10_000);
      Future<?> reply = rogue.vertx().eventBus().request(
          Addresses.workerJobs(w1.cluster().nodeId()), Buffer.buffer(job.toBytes()),
          new DeliveryOptions().setSendTimeout(2_000));
      assertThat(catchFailure(reply)).isInstanceOf(ReplyException.class);
      // ...nor pose as a worker to the gateways
      rogue.vertx().eventBus().publish(Addresses.WORKER_ANNOUNCEMENTS, new JsonObject()
          .put("v", 1).put("node", rogue.nodeId()).put("address", "imgrid.rogue")
          .put("free", 99).put("total", 99).put("formats", new io.vertx.core.json.JsonArray()));
      Thread.sleep(1_500);
      assertThat(g1.workers()).extracting(WorkerInfo::nodeId)
          .containsExactlyInAnyOrder(w1.cluster().nodeId(), w2.cluster().nodeId());
      assertThat(grid.jobs(workers)).isEqualTo(jobsBefore);
      assertThat(grid.fetches("rogue")).isZero();
    } finally {
      GridFixture.await(rogue.close());
    }
  }

  @Test
  @Order(7)
  void followersOfALeaderThatLeavesAreStillAnswered() throws Exception {
    GatewayNode leader = grid.gateway();
    String p = path("rs:fill:70:70/cb:gate-leader", "leader");
    CompletableFuture<HttpResponse<byte[]>> first = grid.getAsync(leader, p);
    grid.awaitGate("gate-leader");
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<byte[]>> follower = grid.getAsync(g2, p);
    GridFixture.eventually(Duration.ofSeconds(5),
        () -> assertThat(grid.metric(g2, "imgrid_dedup_followers_total")).isGreaterThan(0));
    Future<Void> gone = grid.kill(leader);
    HttpResponse<byte[]> res = follower.get(20, TimeUnit.SECONDS);
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    grid.release("gate-leader");
    GridFixture.await(gone);
    first.handle((r, e) -> null).get(20, TimeUnit.SECONDS);
  }

  @Test
  @Order(8)
  void aWorkerClosedMidJobDoesNotFailTheRequest() throws Exception {
    WorkerNode w3 = grid.worker();
    workers.add(w3);
    GridFixture.eventually(Duration.ofSeconds(5), () -> assertThat(g1.workers()).hasSize(3));
    double retriesBefore = grid.metric(g1, "imgrid_dispatch_retries_total");
    CompletableFuture<HttpResponse<byte[]>> res =
        grid.getAsync(g1, path("rs:fill:90:60/cb:gate-kill", "kill"));
    WorkerNode victim = grid.awaitGate("gate-kill");
    Future<Void> gone = grid.kill(victim);
    assertThat(res.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(grid.metric(g1, "imgrid_dispatch_retries_total") - retriesBefore).isEqualTo(1);
    grid.release("gate-kill");
    GridFixture.await(gone);
    workers.remove(victim);
  }

  private static Throwable catchFailure(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
