package io.imgrid.gateway.http;

import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.fetch.FetchRequest;
import io.imgrid.shared.fetch.FetchedSource;
import io.imgrid.shared.fetch.OriginHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code raw} option (imgproxy {@code handlers/stream}): the gateway fetches the source itself
 * and hands it to the client unprocessed. No worker slot is taken and no type, size or resolution
 * check runs; the origin's status is passed through (206 and 304 included). The client's
 * {@code If-None-Match}, {@code If-Modified-Since}, {@code Accept-Encoding} and {@code Range} go to
 * the origin; its {@code Content-Type}, {@code Content-Encoding}, {@code Content-Range},
 * {@code Accept-Ranges}, {@code Last-Modified} and {@code ETag} come back, plus
 * {@code Content-Length}, {@code Content-Disposition} (2xx only), {@code Link} and
 * {@code Cache-Control}.
 *
 * <p>Unlike imgproxy, the body is buffered (within {@code IMGPROXY_MAX_SRC_FILE_SIZE} when set)
 * before it is written, since the fetcher answers with whole bodies.
 */
final class RawStreamer {
  private final ServerConfig config;
  private final GatewayServices services;
  private final Clock clock;

  RawStreamer(ServerConfig config, GatewayServices services, Clock clock) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.services = Objects.requireNonNull(services, "services == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  void stream(RoutingContext rc, JobRequest request) {
    MultiMap in = rc.request().headers();
    FetchRequest fetch =
        FetchRequest.raw(in.get("Range"), in.get("Accept-Encoding"))
            .withDeadline(Instant.ofEpochMilli(request.job().deadlineEpochMillis()))
            .withConditionals(in.get("If-None-Match"), in.get("If-Modified-Since"));
    long started = System.nanoTime();
    services
        .rawFetcher()
        .fetch(request.job().sourceUrl(), fetch)
        .onComplete(
            ar -> {
              services.metrics().span("streaming_image", System.nanoTime() - started);
              if (ar.failed()) {
                rc.fail(ar.cause());
                return;
              }
              write(rc, request, ar.result());
            });
  }

  private void write(RoutingContext rc, JobRequest request, FetchedSource source) {
    HttpServerResponse res = rc.response();
    if (res.closed()) {
      return;
    }
    headers(request, source, config.headers(), clock.instant()).forEach(res::putHeader);
    res.setStatusCode(source.status());
    if (source.status() == 304 || source.status() == 204) {
      res.headers().remove("Content-Length");
      res.end();
    } else {
      res.end(source.body());
    }
  }

  /** The response headers for a streamed source; pure, for tests. */
  static Map<String, String> headers(
      JobRequest request, FetchedSource source, ServerConfig.Headers settings, Instant now) {
    OriginHeaders o = source.headers();
    Map<String, String> h = new LinkedHashMap<>();
    put(h, "Content-Type", o.contentType());
    put(h, "Content-Encoding", o.contentEncoding());
    put(h, "Content-Range", o.contentRange());
    put(h, "Accept-Ranges", o.acceptRanges());
    put(h, "Last-Modified", o.lastModified());
    put(h, "ETag", o.etag());
    h.put("Content-Length", Integer.toString(source.body().length()));
    int status = source.status();
    if (status >= 200 && status < 300) {
      h.put(
          "Content-Disposition",
          ResponseHeaders.contentDisposition(
              request.job().sourceUrl(), request.filename(), null, request.returnAttachment()));
    }
    if (settings.setCanonicalHeader()) {
      put(h, "Link", ResponseHeaders.canonicalLink(request.job().sourceUrl()));
    }
    put(
        h,
        "Cache-Control",
        ResponseHeaders.cacheControl(
            status, request.expiresEpochSeconds(), 0, o.cacheControl(), o.expires(), settings, now));
    return h;
  }

  private static void put(Map<String, String> h, String name, String value) {
    if (value != null && !value.isEmpty()) {
      h.put(name, value);
    }
  }
}
