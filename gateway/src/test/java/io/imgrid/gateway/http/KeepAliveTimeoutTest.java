package io.imgrid.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code IMGPROXY_KEEP_ALIVE_TIMEOUT} is the idle time between requests only, as in imgproxy: a
 * request that is still being processed is never cut by it, while a kept-alive connection that
 * sends nothing is still closed.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class KeepAliveTimeoutTest {

  @Test
  void requestInFlightOutlivesTheKeepAliveTimeout(Vertx vertx) {
    GatewayHarness g =
        GatewayHarness.start(
            vertx,
            Map.of(
                "IMGPROXY_KEEP_ALIVE_TIMEOUT", "1",
                "IMGPROXY_READ_REQUEST_TIMEOUT", "1",
                "IMGPROXY_TIMEOUT", "4"));
    long t0 = System.nanoTime();
    HttpResponse<Buffer> response = g.get("/x/plain/slow-keepalive.png");
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

    // the job never ends: the request's own deadline answers, long after 1 s of silence
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.bodyAsString()).isEqualTo("Timeout");
    assertThat(tookMillis).isGreaterThanOrEqualTo(3_500);
  }

  @Test
  void idleKeptAliveConnectionIsClosed(Vertx vertx) {
    GatewayHarness g =
        GatewayHarness.start(
            vertx,
            Map.of(
                "IMGPROXY_KEEP_ALIVE_TIMEOUT", "1",
                "IMGPROXY_READ_REQUEST_TIMEOUT", "1"));
    NetSocket socket =
        vertx.createNetClient().connect(g.verticle.actualPort(), "127.0.0.1").await();
    Promise<Buffer> response = Promise.promise();
    Promise<Long> closedAt = Promise.promise();
    Buffer received = Buffer.buffer();
    socket.handler(
        chunk -> {
          received.appendBuffer(chunk);
          if (received.toString().contains("imgrid is running")
              || received.toString().contains("\r\n\r\n")) {
            response.tryComplete(received);
          }
        });
    socket.closeHandler(v -> closedAt.tryComplete(System.nanoTime()));
    socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

    assertThat(response.future().await().toString()).startsWith("HTTP/1.1 200");
    long answeredAt = System.nanoTime();
    long idleMillis = TimeUnit.NANOSECONDS.toMillis(closedAt.future().await() - answeredAt);
    // closed once idle for the keep-alive timeout (plus the read timeout for the next head)
    assertThat(idleMillis).isBetween(500L, 5_000L);
  }
}
