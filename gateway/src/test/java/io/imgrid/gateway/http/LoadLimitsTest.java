package io.imgrid.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The slot/queue limits seen from HTTP, with a worker that never answers "slow" jobs. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class LoadLimitsTest {

  private static void awaitCondition(java.util.function.BooleanSupplier c) throws Exception {
    long until = System.currentTimeMillis() + 5000;
    while (!c.getAsBoolean()) {
      assertThat(System.currentTimeMillis()).isLessThan(until);
      Thread.sleep(10);
    }
  }

  @Test
  void fullQueueAnswers429AtOnceAndTimeoutGives503(Vertx vertx) throws Exception {
    GatewayHarness g =
        GatewayHarness.start(
            vertx,
            Map.of(
                "IMGPROXY_WORKERS", "1",
                "IMGPROXY_REQUESTS_QUEUE_SIZE", "1",
                "IMGPROXY_TIMEOUT", "1"));
    Future<HttpResponse<Buffer>> running = g.sendAsync("/x/plain/slow-1.png");
    awaitCondition(() -> g.slots.running() == 1);
    Future<HttpResponse<Buffer>> queued = g.sendAsync("/x/plain/slow-2.png");
    awaitCondition(() -> g.slots.queued() == 1);

    long t0 = System.nanoTime();
    HttpResponse<Buffer> rejected = g.get("/x/plain/slow-3.png");
    assertThat(rejected.statusCode()).isEqualTo(429);
    assertThat(rejected.bodyAsString()).isEqualTo("Too many requests");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(900);

    HttpResponse<Buffer> timedOutRunning = running.await();
    assertThat(timedOutRunning.statusCode()).isEqualTo(503);
    assertThat(timedOutRunning.bodyAsString()).isEqualTo("Timeout");
    HttpResponse<Buffer> timedOutQueued = queued.await();
    assertThat(timedOutQueued.statusCode()).isEqualTo(503);
    assertThat(timedOutQueued.bodyAsString()).isEqualTo("Timeout");
    assertThat(timedOutQueued.getHeader("Cache-Control")).isNull();
  }

  @Test
  void unboundedQueueNeverAnswers429(Vertx vertx) throws Exception {
    GatewayHarness g =
        GatewayHarness.start(vertx, Map.of("IMGPROXY_WORKERS", "1", "IMGPROXY_TIMEOUT", "1"));
    Future<HttpResponse<Buffer>> running = g.sendAsync("/x/plain/slow-1.png");
    awaitCondition(() -> g.slots.running() == 1);
    Future<HttpResponse<Buffer>> a = g.sendAsync("/x/plain/slow-2.png");
    Future<HttpResponse<Buffer>> b = g.sendAsync("/x/plain/a.png");
    assertThat(running.await().statusCode()).isEqualTo(503);
    assertThat(a.await().statusCode()).isEqualTo(503);
    assertThat(b.await().statusCode()).isIn(200, 503);
    // the slot is free again once the timed-out job's bus request has given up
    awaitCondition(() -> g.slots.running() == 0);
    assertThat(g.get("/x/plain/a.png").statusCode()).isEqualTo(200);
  }
}
