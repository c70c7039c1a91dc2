package io.imgrid.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The connection-level settings Vert.x has no switch for, applied by hand:
 *
 * <ul>
 *   <li>{@code IMGPROXY_MAX_CLIENTS}: at most that many open connections. imgproxy's Go listener
 *       makes excess connections wait in the accept queue; Vert.x cannot pause accepting, so a
 *       connection beyond the limit is closed at once (the client sees a reset and may retry).
 *       0 is unlimited.
 *   <li>{@code IMGPROXY_READ_REQUEST_TIMEOUT}: a connection must deliver a complete request head
 *       within the timeout, counted from when it opens (or, on a kept-alive connection, from the
 *       end of the previous response plus the keep-alive timeout); otherwise it is closed. This
 *       stops slow-loris clients that drip-feed headers and so never look idle.
 *   <li>{@code IMGPROXY_KEEP_ALIVE_TIMEOUT}: the idle time between requests, as imgproxy's. A
 *       kept-alive connection that starts no request within it (plus the read timeout for the
 *       head) is closed by the timer armed when a response ends; a request in flight is never
 *       cut, however long it runs (its own {@code IMGPROXY_TIMEOUT} bounds it). That is why the
 *       server's own idle timeout stays off: Vert.x's counts a silent in-flight request as idle.
 *       0: keep-alive off, every response carries {@code Connection: close} and its connection is
 *       closed once it is written.
 * </ul>
 */
final class ConnectionGuard implements Handler<RoutingContext> {
  private static final Logger LOG = Logger.getLogger("imgrid.http");

  private final Vertx vertx;
  private final int maxClients;
  private final long readTimeoutMillis;
  private final long keepAliveMillis;
  private final AtomicInteger open = new AtomicInteger();
  private final Map<HttpConnection, Long> headTimers = new ConcurrentHashMap<>();

  ConnectionGuard(Vertx vertx, int maxClients, Duration readTimeout, Duration keepAlive) {
    this.vertx = Objects.requireNonNull(vertx, "vertx == null");
    this.maxClients = maxClients;
    this.readTimeoutMillis = readTimeout.toMillis();
    this.keepAliveMillis = keepAlive.toMillis();
  }

  /** The server's connection handler. */
  void onConnection(HttpConnection conn) {
    int now = open.incrementAndGet();
    conn.closeHandler(
        v -> {
          open.decrementAndGet();
          cancel(conn);
        });
    if (maxClients > 0 && now > maxClients) {
      LOG.log(Level.WARNING, "IMGPROXY_MAX_CLIENTS ({0}) reached: closing a new connection", maxClients);
      conn.close();
      return;
    }
    arm(conn, readTimeoutMillis);
  }

  /** First route of every request: the head arrived in time; re-arm when the response ends. */
  @Override
  public void handle(RoutingContext rc) {
    HttpConnection conn = rc.request().connection();
    cancel(conn);
    boolean keepAlive = keepAliveMillis > 0;
    if (!keepAlive) {
      rc.response().putHeader("Connection", "close");
    }
    rc.addEndHandler(
        ar -> {
          if (!keepAlive) {
            conn.close();
          } else {
            arm(conn, keepAliveMillis + readTimeoutMillis);
          }
        });
    rc.next();
  }

  /** Connections open now. */
  int openConnections() {
    return open.get();
  }

  private void arm(HttpConnection conn, long millis) {
    if (millis <= 0) {
      return;
    }
    long timer =
        vertx.setTimer(
            millis,
            t -> {
              if (headTimers.remove(conn, t)) {
                LOG.log(Level.INFO, "closing a connection that sent no complete request in time");
                conn.close();
              }
            });
    Long previous = headTimers.put(conn, timer);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  private void cancel(HttpConnection conn) {
    Long timer = headTimers.remove(conn);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
