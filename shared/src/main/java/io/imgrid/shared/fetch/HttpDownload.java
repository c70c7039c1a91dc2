package io.imgrid.shared.fetch;

import io.imgrid.shared.config.FetchConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.LoadException;
import io.imgrid.shared.error.SourceException;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP fetch, redirects included, on one Vert.x context (so its state needs no locks).
 *
 * <p>Each hop: resolve the host, check every address with the guard, connect to a checked IP
 * while the Host header, SNI and certificate check keep the URL's host name. The DNS answer
 * that was checked is the one dialled, which closes the DNS-rebinding gap. One timer covers
 * the whole fetch (connect, headers and body of every hop); the body is counted as it arrives
 * and the connection is reset as soon as it passes the cap.
 */
final class HttpDownload {
  private static final int INITIAL_BUFFER = 64 * 1024;
  private static final int MAX_PREALLOCATED = 4 * 1024 * 1024;
  private static final Pattern FULL_RANGE = Pattern.compile("bytes\\s+0-(\\d+)/(\\d+)");

  private final Vertx vertx;
  private final HttpClient client;
  private final HostResolver resolver;
  private final NetworkGuard guard;
  private final FetchConfig config;
  private final FetchRequest request;
  private final Promise<FetchedSource> promise;
  private final long cap;

  private boolean done;
  private long timerId = -1;
  private long deadlineNanos;
  private HttpClientRequest current;

  HttpDownload(
      Vertx vertx,
      HttpClient client,
      HostResolver resolver,
      NetworkGuard guard,
      FetchConfig config,
      FetchRequest request,
      Promise<FetchedSource> promise) {
    this.vertx = vertx;
    this.client = client;
    this.resolver = resolver;
    this.guard = guard;
    this.config = config;
    this.request = request;
    this.promise = promise;
    this.cap = request.effectiveMaxBytes(config.maxSrcFileSize());
  }

  void start(String url) {
    long timeoutMs = config.downloadTimeout().toMillis();
    boolean requestDeadlineFirst = false;
    if (request.deadline() != null) {
      long left = Duration.between(Instant.now(), request.deadline()).toMillis();
      if (left <= 0) {
        fail(LoadException.timeout("request deadline passed before the download"));
        return;
      }
      if (left < timeoutMs) {
        timeoutMs = left;
        requestDeadlineFirst = true;
      }
    }
    deadlineNanos = System.nanoTime() + timeoutMs * 1_000_000L;
    ImgridException onTimeout =
        requestDeadlineFirst
            ? LoadException.timeout("request deadline ran out while downloading " + url)
            : new SourceException(ErrorKind.SOURCE_TIMEOUT, "download timeout for " + url);
    timerId = vertx.setTimer(timeoutMs, id -> fail(onTimeout));
    try {
      hop(SourceUris.parse(url), 0);
    } catch (ImgridException e) {
      fail(e);
    }
  }

  private void hop(URI uri, int redirects) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw unreachable("not an http(s) URL: " + scheme);
    }
    String host = host(uri);
    if (host == null || host.isEmpty()) {
      throw unreachable("source URL has no host");
    }
    boolean ssl = scheme.equals("https");
    int port = uri.getPort() >= 0 ? uri.getPort() : ssl ? 443 : 80;
    resolver
        .resolve(host)
        .onComplete(
            ar -> {
              if (done) {
                return;
              }
              if (ar.failed() || ar.result().isEmpty()) {
                fail(unreachable("cannot resolve " + host + ": " + ar.cause()));
                return;
              }
              try {
                List<InetAddress> addresses = ar.result();
                for (InetAddress address : addresses) {
                  guard.check(address);
                }
                connect(uri, host, port, ssl, addresses.get(0), redirects);
              } catch (ImgridException e) {
                fail(e);
              }
            });
  }

  private void connect(
      URI uri, String host, int port, boolean ssl, InetAddress address, int redirects) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
            .setHost(host)
            .setPort(port)
            .setSsl(ssl)
            .setURI(pathAndQuery(uri))
            .setFollowRedirects(false)
            .setConnectTimeout(Math.max(1, remainingMillis()))
            .setHeaders(requestHeaders());
    client
        .request(options)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                fail(unreachable("cannot connect to " + host + ": " + ar.cause()));
                return;
              }
              HttpClientRequest req = ar.result();
              if (done) {
                req.reset();
                return;
              }
              current = req;
              // The Host header as the URL wrote it: port only when explicit, IPv6 bracketed.
              String authorityHost = host.contains(":") ? "[" + host + "]" : host;
              req.authority(HostAndPort.create(authorityHost, uri.getPort()));
              req.send()
                  .onComplete(
                      sent -> {
                        if (done) {
                          return;
                        }
                        if (sent.failed()) {
                          fail(unreachable("no response from " + host + ": " + sent.cause()));
                        } else {
                          onResponse(uri, sent.result(), redirects);
                        }
                      });
            });
  }

  private void onResponse(URI uri, HttpClientResponse response, int redirects) {
    int status = response.statusCode();
    String location = response.getHeader("Location");
    if (isRedirect(status) && location != null && !location.isBlank()) {
      resetCurrent();
      if (redirects >= config.maxRedirects()) {
        fail(unreachable("more than " + config.maxRedirects() + " redirects"));
        return;
      }
      try {
        hop(uri.resolve(SourceUris.parse(location.trim())), redirects + 1);
      } catch (ImgridException | IllegalArgumentException e) {
        fail(e instanceof ImgridException ie ? ie : unreachable("bad redirect: " + e));
      }
      return;
    }
    OriginHeaders headers = headers(response.headers());
    String url = uri.toString();
    if (request.mode() == FetchMode.RAW) {
      collect(response, status, headers, url);
    } else if (status == 200) {
      collect(response, 200, headers, url);
    } else if (status == 206 && fullRange(headers.contentRange())) {
      collect(response, 200, headers, url);
    } else if (status == 304 && request.conditional()) {
      resetCurrent();
      complete(new FetchedSource(304, Buffer.buffer(0), headers, url));
    } else {
      fail(SourceException.originStatus(status, "origin answered " + status + " for " + url));
    }
  }

  private void collect(HttpClientResponse response, int status, OriginHeaders headers, String url) {
    long declared = headers.contentLength();
    if (cap > 0 && declared > cap) {
      fail(tooLarge("declared Content-Length " + declared + " exceeds " + cap));
      return;
    }
    int initial = declared >= 0 ? (int) Math.min(declared, MAX_PREALLOCATED) : INITIAL_BUFFER;
    Buffer body = Buffer.buffer(initial);
    response.exceptionHandler(
        t -> fail(new SourceException(ErrorKind.SOURCE_INCOMPLETE, "body broke: " + t)));
    response.handler(
        chunk -> {
          if (done) {
            return;
          }
          if (cap > 0 && (long) body.length() + chunk.length() > cap) {
            fail(tooLarge("body exceeds " + cap + " bytes"));
            return;
          }
          body.appendBuffer(chunk);
        });
    response.endHandler(
        v -> {
          if (declared >= 0 && body.length() < declared) {
            fail(
                new SourceException(
                    ErrorKind.SOURCE_INCOMPLETE,
                    "body ended at " + body.length() + " of " + declared + " bytes"));
          } else {
            complete(new FetchedSource(status, body, headers, url));
          }
        });
  }

  private MultiMap requestHeaders() {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    headers.set("User-Agent", config.userAgent());
    String encoding = request.acceptEncoding();
    headers.set("Accept-Encoding", encoding == null || encoding.isBlank() ? "identity" : encoding);
    if (request.ifNoneMatch() != null) {
      headers.set("If-None-Match", request.ifNoneMatch());
    }
    if (request.ifModifiedSince() != null) {
      headers.set("If-Modified-Since", request.ifModifiedSince());
    }
    if (request.range() != null && !request.range().isBlank()) {
      headers.set("Range", request.range());
    }
    return headers;
  }

  static OriginHeaders headers(MultiMap h) {
    return new OriginHeaders(
        h.get("Content-Type"),
        contentLength(h.get("Content-Length")),
        h.get("ETag"),
        h.get("Last-Modified"),
        h.get("Cache-Control"),
        h.get("Expires"),
        h.get("Content-Encoding"),
        h.get("Content-Range"),
        h.get("Accept-Ranges"));
  }

  private static long contentLength(String value) {
    if (value == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(value.trim());
      return n >= 0 ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A 206 is a whole source only if it covers the whole file ({@code bytes 0-(n-1)/n}). */
  static boolean fullRange(String contentRange) {
    if (contentRange == null) {
      return false;
    }
    Matcher m = FULL_RANGE.matcher(contentRange.trim());
    if (!m.matches()) {
      return false;
    }
    try {
      return Long.parseLong(m.group(1)) + 1 == Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  /** The host without IPv6 brackets; also for names a {@link URI} calls registry-based. */
  static String host(URI uri) {
    String host = uri.getHost();
    if (host == null) {
      String authority = uri.getRawAuthority();
      if (authority == null) {
        return null;
      }
      int at = authority.lastIndexOf('@');
      host = authority.substring(at + 1);
      int colon = host.lastIndexOf(':');
      if (colon >= 0 && !host.endsWith("]")) {
        host = host.substring(0, colon);
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host;
  }

  private static String pathAndQuery(URI uri) {
    String path = uri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  private long remainingMillis() {
    return (deadlineNanos - System.nanoTime()) / 1_000_000L;
  }

  private void resetCurrent() {
    HttpClientRequest req = current;
    current = null;
    if (req != null) {
      req.reset();
    }
  }

  private void complete(FetchedSource source) {
    if (done) {
      return;
    }
    done = true;
    vertx.cancelTimer(timerId);
    current = null;
    promise.complete(source);
  }

  /** Fails once; resets the connection after {@code done} is set so its echo is ignored. */
  private void fail(ImgridException failure) {
    if (done) {
      return;
    }
    done = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    resetCurrent();
    promise.fail(failure);
  }

  private static SourceException unreachable(String detail) {
    return new SourceException(ErrorKind.SOURCE_UNREACHABLE, detail);
  }

  private static ImageException tooLarge(String detail) {
    return ImageException.invalidSource(detail);
  }
}
