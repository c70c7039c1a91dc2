package io.imgrid.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
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

  /** A client connection whose close is observed from the start. */
  private record Connection(NetSocket socket, Future<Void> closed) {}

  /**
   * Connects and installs the close handler on the event loop, as the connection completes: a
   * server that closes the connection at once (over the client limit) must not close it before
   * anyone listens.
   */
  private static Connection connect(Vertx vertx, GatewayHarness g) throws Exception {
    return vertx.createNetClient().connect(g.verticle.actualPort(), "127.0.0.1")
        .map(socket -> {
          Promise<Void> closed = Promise.promise();
          socket.closeHandler(v -> closed.tryComplete());
          return new Connection(socket, closed.future());
        })
        .await(10, TimeUnit.SECONDS);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS); // never hang the suite on a lost event
  }

  @Test
  void connectionsOverMaxClientsAreClosed(Vertx vertx) throws Exception {
    GatewayHarness g =
        GatewayHarness.start(
            vertx, Map.of("IMGPROXY_MAX_CLIENTS", "1", "IMGPROXY_READ_REQUEST_TIMEOUT", "10"));
    Connection first = connect(vertx, g);
    Connection second = connect(vertx, g);

    await(second.closed());

    assertThat(first.closed().isComplete()).isFalse();
    Promise<Buffer> answer = Promise.promise();
    first.socket().handler(answer::tryComplete);
    first.socket().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(await(answer.future()).toString()).startsWith("HTTP/1.1 200");
  }

  @Test
  void aDrippedRequestHeadIsCutAtTheReadTimeout(Vertx vertx) throws Exception {
    GatewayHarness g =
        GatewayHarness.start(vertx, Map.of("IMGPROXY_READ_REQUEST_TIMEOUT", "1"));
    Connection connection = connect(vertx, g);
    Buffer received = Buffer.buffer();
    connection.socket().handler(received::appendBuffer);
    long start = System.nanoTime();

    connection.socket().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // no blank line
    await(connection.closed());

    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(received.toString()).doesNotContain("HTTP/1.1 200");
    assertThat(tookMillis).isBetween(500L, 10_000L);
  }

  @Test
  void keepAliveZeroAnswersOneRequestPerConnection(Vertx vertx) throws Exception {
    GatewayHarness g = GatewayHarness.start(vertx, Map.of("IMGPROXY_KEEP_ALIVE_TIMEOUT", "0"));
    Connection connection = connect(vertx, g);
    Buffer received = Buffer.buffer();
    connection.socket().handler(received::appendBuffer);

    connection.socket().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    await(connection.closed());

    assertThat(received.toString()).startsWith("HTTP/1.1 200");
    assertThat(received.toString().toLowerCase()).contains("connection: close");
  }
}
