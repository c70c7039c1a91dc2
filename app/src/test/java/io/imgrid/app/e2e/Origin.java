package io.imgrid.app.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A real origin on 127.0.0.1:0 serving generated images and every misbehaviour the fault cases
 * need: a drip-feeding server, a body that never ends, lying lengths, a redirect loop, error
 * statuses, HTML served as an image, gzip, ranges and 304s.
 */
final class Origin implements AutoCloseable {
  static final String ETAG = "\"v1\"";
  static final String LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT";
  static final String CACHE_CONTROL = "max-age=60, public";

  final byte[] photo = TestImages.jpeg(640, 480);
  final byte[] alpha = TestImages.png(200, 100, true);
  final byte[] rawBytes = rawBytes();
  final AtomicInteger hits = new AtomicInteger();
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;

  Origin() {
    server = vertx.createHttpServer().requestHandler(this::handle);
    server.listen(0, "127.0.0.1").await();
  }

  int port() {
    return server.actualPort();
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private void handle(HttpServerRequest req) {
    hits.incrementAndGet();
    HttpServerResponse res = req.response();
    String path = req.path();
    switch (path) {
      case "/img/photo.jpg":
      case "/img/a@b.jpg":
        validated(req, "image/jpeg", photo);
        return;
      case "/img/alpha.png":
        res.putHeader("Content-Type", "image/png").end(Buffer.buffer(alpha));
        return;
      case "/q/photo.jpg":
        if ("1".equals(req.getParam("v"))) {
          res.putHeader("Content-Type", "image/jpeg").end(Buffer.buffer(photo));
        } else {
          res.setStatusCode(404).end();
        }
        return;
      case "/slow.jpg":
        drip(req);
        return;
      case "/endless.jpg":
        endless(req);
        return;
      case "/short.jpg":
        res.putHeader("Content-Type", "image/jpeg")
            .putHeader("Content-Length", Integer.toString(photo.length + 5000))
            .write(Buffer.buffer(photo))
            .onComplete(ar -> req.connection().close());
        return;
      case "/huge.jpg":
        res.putHeader("Content-Type", "image/jpeg")
            .putHeader("Content-Length", "10737418240")
            .write(Buffer.buffer(Arrays.copyOf(photo, 64)));
        vertx.setTimer(10_000, t -> req.connection().close());
        return;
      case "/loop":
        res.setStatusCode(302).putHeader("Location", "/loop").end();
        return;
      case "/redirect-photo":
        res.setStatusCode(302).putHeader("Location", "/img/photo.jpg").end();
        return;
      case "/redirect-metadata":
        res.setStatusCode(302).putHeader("Location", "http://169.254.169.254/latest/meta-data").end();
        return;
      case "/html.jpg":
        res.putHeader("Content-Type", "text/html")
            .end("<!doctype html><html><body><h1>Not an image</h1></body></html>");
        return;
      case "/gzip.jpg":
        res.putHeader("Content-Type", "image/jpeg")
            .putHeader("Content-Encoding", "gzip")
            .end(Buffer.buffer(gzip(photo)));
        return;
      case "/raw.bin":
        range(req);
        return;
      default:
        if (path.startsWith("/status/")) {
          res.setStatusCode(Integer.parseInt(path.substring("/status/".length())))
              .putHeader("Content-Type", "text/plain")
              .putHeader("Cache-Control", "max-age=600")
              .end("origin error body");
          return;
        }
        res.setStatusCode(404).end();
    }
  }

  /** ETag/Last-Modified/Cache-Control, and 304 when the client's validator matches. */
  private static void validated(HttpServerRequest req, String type, byte[] body) {
    HttpServerResponse res = req.response();
    res.putHeader("ETag", ETAG)
        .putHeader("Last-Modified", LAST_MODIFIED)
        .putHeader("Cache-Control", CACHE_CONTROL);
    if (ETAG.equals(req.getHeader("If-None-Match"))
        || LAST_MODIFIED.equals(req.getHeader("If-Modified-Since"))) {
      res.setStatusCode(304).end();
      return;
    }
    res.putHeader("Content-Type", type).end(Buffer.buffer(body));
  }

  /** One byte per second of a declared 100 kB body: a slow-loris origin. */
  private void drip(HttpServerRequest req) {
    HttpServerResponse res = req.response();
    res.putHeader("Content-Type", "image/jpeg").putHeader("Content-Length", "100000");
    res.write(Buffer.buffer(Arrays.copyOf(photo, 1)));
    long timer =
        vertx.setPeriodic(
            1000,
            t -> {
              if (!res.closed()) {
                res.write(Buffer.buffer(new byte[] {0}));
              }
            });
    req.connection().closeHandler(v -> vertx.cancelTimer(timer));
  }

  /** A chunked body that never ends, 64 kB every 5 ms, until the client hangs up. */
  private void endless(HttpServerRequest req) {
    HttpServerResponse res = req.response();
    res.setChunked(true).putHeader("Content-Type", "image/jpeg");
    res.write(Buffer.buffer(photo));
    Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
    long timer =
        vertx.setPeriodic(
            5,
            t -> {
              if (!res.closed() && !res.writeQueueFull()) {
                res.write(chunk);
              }
            });
    req.connection().closeHandler(v -> vertx.cancelTimer(timer));
  }

  /** Range support ({@code bytes=a-b}) with validators, as a static file server does. */
  private void range(HttpServerRequest req) {
    HttpServerResponse res = req.response();
    res.putHeader("Content-Type", "application/octet-stream")
        .putHeader("Accept-Ranges", "bytes")
        .putHeader("ETag", "\"raw1\"")
        .putHeader("Last-Modified", LAST_MODIFIED);
    if ("\"raw1\"".equals(req.getHeader("If-None-Match"))) {
      res.setStatusCode(304).end();
      return;
    }
    String range = req.getHeader("Range");
    if (range != null && range.startsWith("bytes=")) {
      String[] ab = range.substring(6).split("-");
      int a = Integer.parseInt(ab[0]);
      int b = Math.min(Integer.parseInt(ab[1]), rawBytes.length - 1);
      res.setStatusCode(206)
          .putHeader("Content-Range", "bytes " + a + "-" + b + "/" + rawBytes.length)
          .end(Buffer.buffer(Arrays.copyOfRange(rawBytes, a, b + 1)));
      return;
    }
    res.end(Buffer.buffer(rawBytes));
  }

  private static byte[] rawBytes() {
    byte[] b = new byte[10_000];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
