package io.imgrid.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connection limits Vert.x has no switch for: {@code IMGPROXY_MAX_CLIENTS} (connections over
 * the limit are closed at once), {@code IMGPROXY_READ_REQUEST_TIMEOUT} (a client that drips its
 * request head is cut off) and {@code IMGPROXY_KEEP_ALIVE_TIMEOUT=0} (one request per connection).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ConnectionGuardTest {

  private static NetSocket connect(Vertx vertx, GatewayHarness g) {
    return vertx.createNetClient().connect(g.verticle.actualPort(), "127.0.0.1").await();
  }

  private static Promise<Void> closed(NetSocket socket) {
    Promise<Void> closed = Promise.promise();
    socket.closeHandler(v -> closed.tryComplete());
    return closed;
  }

  @Test
  void connectionsOverMaxClientsAreClosed(Vertx vertx) {
    GatewayHarness g =
        GatewayHarness.start(
            vertx, Map.of("IMGPROXY_MAX_CLIENTS", "1", "IMGPROXY_READ_REQUEST_TIMEOUT", "10"));
    NetSocket first = connect(vertx, g);
    Promise<Void> firstClosed = closed(first);
    NetSocket second = connect(vertx, g);
    Promise<Void> secondClosed = closed(second);

    secondClosed.future().await();

    assertThat(firstClosed.future().isComplete()).isFalse();
    Promise<Buffer> answer = Promise.promise();
    first.handler(answer::tryComplete);
    first.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(answer.future().await().toString()).startsWith("HTTP/1.1 200");
  }

  @Test
  void aDrippedRequestHeadIsCutAtTheReadTimeout(Vertx vertx) {
    GatewayHarness g =
        GatewayHarness.start(vertx, Map.of("IMGPROXY_READ_REQUEST_TIMEOUT", "1"));
    NetSocket socket = connect(vertx, g);
    Buffer received = Buffer.buffer();
    socket.handler(received::appendBuffer);
    Promise<Void> closed = closed(socket);
    long start = System.nanoTime();

    socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // never the blank line
    closed.future().await();

    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(received.toString()).doesNotContain("HTTP/1.1 200");
    assertThat(tookMillis).isBetween(500L, 10_000L);
  }

  @Test
  void keepAliveZeroAnswersOneRequestPerConnection(Vertx vertx) {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of("IMGPROXY_KEEP_ALIVE_TIMEOUT", "0"));
    NetSocket socket = connect(vertx, g);
    Buffer received = Buffer.buffer();
    socket.handler(received::appendBuffer);
    Promise<Void> closed = closed(socket);

    socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    closed.future().await();

    assertThat(received.toString()).startsWith("HTTP/1.1 200");
    assertThat(received.toString().toLowerCase()).contains("connection: close");
  }
}
