package io.imgrid.shared.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.FetchConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The http(s) fetcher against real origins on 127.0.0.1, port 0. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpSourceFetcherTest {
  private static final byte[] IMAGE = "not really a png".getBytes();
  private static final byte[] BIG = new byte[1_234_567];

  static {
    for (int i = 0; i < BIG.length; i++) {
      BIG[i] = (byte) (i * 31 + (i >> 9));
    }
  }

  private Vertx vertx;
  private HttpServer origin;
  private int port;
  private final AtomicInteger hits = new AtomicInteger();
  private final ConcurrentLinkedQueue<MultiMap> seenHeaders = new ConcurrentLinkedQueue<>();
  private SourceFetcher fetcher;

  @BeforeEach
  void startOrigin(Vertx vertx) throws Exception {
    this.vertx = vertx;
    origin = vertx.createHttpServer().requestHandler(this::serve);
    port = await(origin.listen(0, "127.0.0.1")).actualPort();
    fetcher = SourceFetcher.create(vertx, config(Map.of()));
  }

  @AfterEach
  void stop() throws Exception {
    await(fetcher.close());
    await(origin.close());
  }

  /**
   * Test settings: loopback allowed (the origin is on 127.0.0.1), 3 redirects, a 3 s download
   * timeout so a loaded machine's first connection never times out; timeout tests use 1 s.
   */
  private static FetchConfig config(Map<String, String> extra) {
    Map<String, String> vars = new HashMap<>();
    vars.put("IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "true");
    vars.put("IMGPROXY_DOWNLOAD_TIMEOUT", "3");
    vars.put("IMGPROXY_MAX_REDIRECTS", "3");
    vars.putAll(extra);
    Env env = Env.of(vars);
    FetchConfig config = FetchConfig.from(env);
    env.validate();
    return config;
  }

  private void serve(HttpServerRequest req) {
    hits.incrementAndGet();
    seenHeaders.add(req.headers());
    HttpServerResponse res = req.response();
    String path = req.path();
    if (path.equals("/ok")) {
      res.putHeader("Content-Type", "image/png")
          .putHeader("ETag", "\"v1\"")
          .putHeader("Last-Modified", "Wed, 01 May 2024 10:00:00 GMT")
          .putHeader("Cache-Control", "max-age=60")
          .putHeader("Expires", "Wed, 01 May 2024 11:00:00 GMT")
          .end(Buffer.buffer(IMAGE));
    } else if (path.equals("/big")) {
      res.putHeader("Content-Length", Integer.toString(BIG.length));
      for (int i = 0; i < BIG.length; i += 100_000) {
        res.write(Buffer.buffer(BIG).getBuffer(i, Math.min(BIG.length, i + 100_000)));
      }
      res.end();
    } else if (path.equals("/big-chunked")) {
      res.setChunked(true).end(Buffer.buffer(BIG));
    } else if (path.startsWith("/status/")) {
      res.setStatusCode(Integer.parseInt(path.substring(8))).end("nope");
    } else if (path.equals("/conditional")) {
      if ("\"v1\"".equals(req.getHeader("If-None-Match"))) {
        res.setStatusCode(304).putHeader("ETag", "\"v1\"").end();
      } else {
        res.putHeader("ETag", "\"v1\"").end(Buffer.buffer(IMAGE));
      }
    } else if (path.equals("/not-modified")) {
      res.setStatusCode(304).end();
    } else if (path.equals("/slow-headers")) {
      // never answers
    } else if (path.equals("/slow-body")) {
      res.setChunked(true);
      long timer = vertx.setPeriodic(200, id -> res.write("x"));
      res.closeHandler(v -> vertx.cancelTimer(timer));
    } else if (path.equals("/endless")) {
      res.setChunked(true);
      Buffer chunk = Buffer.buffer(new byte[16 * 1024]);
      long timer = vertx.setPeriodic(1, id -> res.write(chunk));
      res.closeHandler(v -> vertx.cancelTimer(timer));
    } else if (path.equals("/flood")) {
      res.setChunked(true);
      flood(res, Buffer.buffer(new byte[1 << 20]));
    } else if (path.equals("/huge-declared")) {
      res.putHeader("Content-Length", "10000000000").write("x");
      res.closeHandler(v -> {});
    } else if (path.startsWith("/redirect/")) {
      int left = Integer.parseInt(path.substring(10));
      String next = left == 0 ? "/ok" : "/redirect/" + (left - 1);
      res.setStatusCode(left % 2 == 0 ? 302 : 307).putHeader("Location", next).end();
    } else if (path.equals("/loop")) {
      res.setStatusCode(301).putHeader("Location", "http://127.0.0.1:" + port + "/loop").end();
    } else if (path.equals("/to-metadata")) {
      res.setStatusCode(302).putHeader("Location", "http://169.254.169.254/latest/").end();
    } else if (path.equals("/to-file")) {
      res.setStatusCode(302).putHeader("Location", "file:///etc/passwd").end();
    } else if (path.equals("/redirect-no-location")) {
      res.setStatusCode(302).end();
    } else if (path.equals("/partial")) {
      res.setStatusCode(206).putHeader("Content-Range", "bytes 0-3/" + IMAGE.length);
      res.end(Buffer.buffer(IMAGE).getBuffer(0, 4));
    } else if (path.equals("/full-partial")) {
      res.setStatusCode(206)
          .putHeader("Content-Range", "bytes 0-" + (IMAGE.length - 1) + "/" + IMAGE.length)
          .end(Buffer.buffer(IMAGE));
    } else {
      res.setStatusCode(404).end();
    }
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(8, TimeUnit.SECONDS);
  }

  private static ImgridException failure(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(8, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ImgridException.class);
      return (ImgridException) e.getCause();
    }
    throw new AssertionError("expected the fetch to fail");
  }

  @Test
  void fetchesBodyAndOriginHeaders() throws Exception {
    FetchedSource src = await(fetcher.fetch(url("/ok"), FetchRequest.process()));
    assertThat(src.status()).isEqualTo(200);
    assertThat(src.bytes()).isEqualTo(IMAGE);
    assertThat(src.headers().contentType()).isEqualTo("image/png");
    assertThat(src.headers().contentLength()).isEqualTo(IMAGE.length);
    assertThat(src.headers().etag()).isEqualTo("\"v1\"");
    assertThat(src.headers().lastModified()).isEqualTo("Wed, 01 May 2024 10:00:00 GMT");
    assertThat(src.headers().cacheControl()).isEqualTo("max-age=60");
    assertThat(src.headers().expires()).isEqualTo("Wed, 01 May 2024 11:00:00 GMT");
    MultiMap sent = seenHeaders.peek();
    assertThat(sent.get("User-Agent")).isEqualTo("imgrid/0.1");
    assertThat(sent.get("Accept-Encoding")).isEqualTo("identity");
    assertThat(sent.get("Host")).isEqualTo("127.0.0.1:" + port);
    assertThat(sent.contains("If-None-Match")).isFalse();
  }

  @Test
  void sizedBodyArrivesWholeAndIsHandedOverWithoutACopy() throws Exception {
    FetchedSource src = await(fetcher.fetch(url("/big"), FetchRequest.process()));
    byte[] bytes = src.bytes();
    assertThat(bytes).isEqualTo(BIG);
    assertThat(src.bytes()).isSameAs(bytes);
  }

  @Test
  void bodyWithoutContentLengthArrivesWhole() throws Exception {
    FetchedSource src = await(fetcher.fetch(url("/big-chunked"), FetchRequest.process()));
    assertThat(src.headers().contentLength()).isEqualTo(-1);
    assertThat(src.bytes()).isEqualTo(BIG);
    assertThat(src.body().length()).isEqualTo(BIG.length);
  }

  @ParameterizedTest(name = "origin {0} gives {1}")
  @CsvSource({"404, 404", "403, 403", "410, 410", "500, 502", "503, 502", "204, 404", "300, 404"})
  void mapsOriginStatuses(int origin, int expected) throws Exception {
    ImgridException e = failure(fetcher.fetch(url("/status/" + origin), FetchRequest.process()));
    assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_UNREACHABLE);
    assertThat(e.status()).isEqualTo(expected);
    assertThat(e.publicMessage()).isEqualTo("Source is unreachable");
  }

  @Test
  void loopbackIsRefusedByDefaultWithoutConnecting() throws Exception {
    SourceFetcher strict = SourceFetcher.create(vertx, FetchConfig.defaults());
    try {
      for (String host : List.of("127.0.0.1", "[::1]", "0.0.0.0", "[::ffff:127.0.0.1]", "localhost")) {
        ImgridException e =
            failure(strict.fetch("http://" + host + ":" + port + "/ok", FetchRequest.process()));
        assertThat(e.kind()).as(host).isEqualTo(ErrorKind.INVALID_SOURCE_URL);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.publicMessage()).isEqualTo("Invalid source URL");
      }
      assertThat(hits).hasValue(0);
    } finally {
      await(strict.close());
    }
  }

  @Test
  void slowHeadersTimeOutWith504() throws Exception {
    SourceFetcher oneSecond =
        SourceFetcher.create(vertx, config(Map.of("IMGPROXY_DOWNLOAD_TIMEOUT", "1")));
    long start = System.nanoTime();
    ImgridException e = failure(oneSecond.fetch(url("/slow-headers"), FetchRequest.process()));
    long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_TIMEOUT);
    assertThat(e.status()).isEqualTo(504);
    assertThat(took).isBetween(900L, 3000L);
    await(oneSecond.close());
  }

  @Test
  void dripFedBodyTimesOutWith504() throws Exception {
    SourceFetcher oneSecond =
        SourceFetcher.create(vertx, config(Map.of("IMGPROXY_DOWNLOAD_TIMEOUT", "1")));
    long start = System.nanoTime();
    ImgridException e = failure(oneSecond.fetch(url("/slow-body"), FetchRequest.process()));
    long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(e.status()).isEqualTo(504);
    assertThat(took).isBetween(900L, 3000L);
    await(oneSecond.close());
  }

  @Test
  void requestDeadlineBeforeDownloadTimeoutGives503() throws Exception {
    FetchRequest req = FetchRequest.process().withDeadline(Instant.now().plusMillis(200));
    ImgridException e = failure(fetcher.fetch(url("/slow-headers"), req));
    assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
    assertThat(e.status()).isEqualTo(503);
  }

  /** Writes {@code chunk} as fast as the connection takes it, until the client goes away. */
  private static void flood(io.vertx.core.http.HttpServerResponse res, Buffer chunk) {
    if (res.closed() || res.ended()) {
      return;
    }
    while (!res.writeQueueFull()) {
      res.write(chunk);
    }
    res.drainHandler(v -> flood(res, chunk));
  }

  @Test
  void withNoLimitSetAnEndlessBodyStillStopsAtTheMemoryCeiling() throws Exception {
    ImgridException e = failure(fetcher.fetch(url("/flood"), FetchRequest.process()));

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE);
    assertThat(e.detail()).contains(String.valueOf(FetchRequest.MEMORY_CEILING));
  }

  @Test
  void endlessBodyIsCutAtTheCapQuickly() throws Exception {
    long start = System.nanoTime();
    FetchRequest req = FetchRequest.process().withMaxBytes(100_000);
    ImgridException e = failure(fetcher.fetch(url("/endless"), req));
    long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE);
    assertThat(e.status()).isEqualTo(422);
    assertThat(took).isLessThan(900L);
  }

  @Test
  void settingCapAppliesWhenTheRequestDoesNotOverride() throws Exception {
    SourceFetcher capped =
        SourceFetcher.create(vertx, config(Map.of("IMGPROXY_MAX_SRC_FILE_SIZE", "8")));
    try {
      ImgridException e = failure(capped.fetch(url("/ok"), FetchRequest.process()));
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE);
      FetchedSource src = await(capped.fetch(url("/ok"), FetchRequest.process().withMaxBytes(0)));
      assertThat(src.bytes()).isEqualTo(IMAGE);
    } finally {
      await(capped.close());
    }
  }

  @Test
  void declaredLengthOverTheCapIsRefusedBeforeReading() throws Exception {
    long start = System.nanoTime();
    FetchRequest req = FetchRequest.process().withMaxBytes(1024);
    ImgridException e = failure(fetcher.fetch(url("/huge-declared"), req));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE);
    assertThat(e.publicMessage()).isEqualTo("Invalid source image");
    assertThat(e.detail()).contains("Content-Length");
    assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(900L);
  }

  @Test
  void bodyShorterThanItsContentLengthIsIncomplete() throws Exception {
    NetServer liar =
        vertx.createNetServer()
            .connectHandler(
                socket ->
                    socket.handler(
                        request -> {
                          socket.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n0123456789");
                          socket.close();
                        }));
    int liarPort = await(liar.listen(0, "127.0.0.1")).actualPort();
    try {
      long start = System.nanoTime();
      ImgridException e =
          failure(fetcher.fetch("http://127.0.0.1:" + liarPort + "/", FetchRequest.process()));
      assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_INCOMPLETE);
      assertThat(e.status()).isEqualTo(422);
      assertThat(e.publicMessage()).isEqualTo("Source response is incomplete");
      assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isLessThan(900L);
    } finally {
      await(liar.close());
    }
  }

  @Test
  void connectionRefusedIsUnreachable() throws Exception {
    NetServer closed = vertx.createNetServer().connectHandler(s -> {});
    int freePort = await(closed.listen(0, "127.0.0.1")).actualPort();
    await(closed.close());
    ImgridException e =
        failure(fetcher.fetch("http://127.0.0.1:" + freePort + "/ok", FetchRequest.process()));
    assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_UNREACHABLE);
    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void followsRedirectChainsWithinTheLimit() throws Exception {
    FetchedSource src = await(fetcher.fetch(url("/redirect/2"), FetchRequest.process()));
    assertThat(src.status()).isEqualTo(200);
    assertThat(src.bytes()).isEqualTo(IMAGE);
    assertThat(src.url()).endsWith("/ok");
    assertThat(hits).hasValue(4);
  }

  @Test
  void tooManyRedirectsAndLoopsAre404() throws Exception {
    ImgridException chain = failure(fetcher.fetch(url("/redirect/3"), FetchRequest.process()));
    assertThat(chain.kind()).isEqualTo(ErrorKind.SOURCE_UNREACHABLE);
    assertThat(chain.status()).isEqualTo(404);
    hits.set(0);
    ImgridException loop = failure(fetcher.fetch(url("/loop"), FetchRequest.process()));
    assertThat(loop.status()).isEqualTo(404);
    assertThat(hits).hasValue(4);
  }

  @Test
  void zeroMaxRedirectsFollowsNone() throws Exception {
    SourceFetcher none = SourceFetcher.create(vertx, config(Map.of("IMGPROXY_MAX_REDIRECTS", "0")));
    try {
      assertThat(failure(none.fetch(url("/redirect/0"), FetchRequest.process())).status())
          .isEqualTo(404);
    } finally {
      await(none.close());
    }
  }

  @Test
  void redirectToADeniedAddressIsInvalidSourceUrl() throws Exception {
    ImgridException e = failure(fetcher.fetch(url("/to-metadata"), FetchRequest.process()));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_URL);
    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void redirectToAnotherSchemeOrNowhereIsUnreachable() throws Exception {
    assertThat(failure(fetcher.fetch(url("/to-file"), FetchRequest.process())).kind())
        .isEqualTo(ErrorKind.SOURCE_UNREACHABLE);
    assertThat(failure(fetcher.fetch(url("/redirect-no-location"), FetchRequest.process())).status())
        .isEqualTo(404);
  }

  @Test
  void everyResolvedAddressIsCheckedAndTheCheckedOneIsDialled() throws Exception {
    // A rebinding resolver: whatever it answers is what gets checked and then dialled.
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress metadata = InetAddress.getByName("169.254.169.254");
    HostResolver rebinding = host -> Future.succeededFuture(List.of(loopback, metadata));
    SourceFetcher f = SourceFetcher.create(vertx, config(Map.of()), rebinding);
    HostResolver toLoopback = host -> Future.succeededFuture(List.of(loopback));
    SourceFetcher strict = SourceFetcher.create(vertx, FetchConfig.defaults(), toLoopback);
    SourceFetcher lenient = SourceFetcher.create(vertx, config(Map.of()), toLoopback);
    try {
      String byName = "http://images.example:" + port + "/ok";
      assertThat(failure(f.fetch(byName, FetchRequest.process())).kind())
          .isEqualTo(ErrorKind.INVALID_SOURCE_URL);
      assertThat(failure(strict.fetch(byName, FetchRequest.process())).kind())
          .isEqualTo(ErrorKind.INVALID_SOURCE_URL);
      assertThat(hits).hasValue(0);
      FetchedSource src = await(lenient.fetch(byName, FetchRequest.process()));
      assertThat(src.bytes()).isEqualTo(IMAGE);
      assertThat(seenHeaders.peek().get("Host")).isEqualTo("images.example:" + port);
    } finally {
      await(f.close());
      await(strict.close());
      await(lenient.close());
    }
  }

  @Test
  void unresolvableHostIsUnreachable() throws Exception {
    HostResolver nx = host -> Future.failedFuture(new java.net.UnknownHostException(host));
    SourceFetcher f = SourceFetcher.create(vertx, config(Map.of()), nx);
    try {
      ImgridException e = failure(f.fetch("http://nx.invalid/a.png", FetchRequest.process()));
      assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_UNREACHABLE);
    } finally {
      await(f.close());
    }
  }

  @Test
  void forwardsValidatorsAndPassesUp304() throws Exception {
    FetchRequest req = FetchRequest.process().withConditionals("\"v1\"", "Wed, 01 May 2024 10:00:00 GMT");
    FetchedSource src = await(fetcher.fetch(url("/conditional"), req));
    assertThat(src.status()).isEqualTo(304);
    assertThat(src.notModified()).isTrue();
    assertThat(src.body().length()).isZero();
    assertThat(src.headers().etag()).isEqualTo("\"v1\"");
    MultiMap sent = seenHeaders.peek();
    assertThat(sent.get("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(sent.get("If-Modified-Since")).isEqualTo("Wed, 01 May 2024 10:00:00 GMT");

    FetchedSource changed =
        await(fetcher.fetch(url("/conditional"), FetchRequest.process().withConditionals("\"v0\"", null)));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.bytes()).isEqualTo(IMAGE);
  }

  @Test
  void unsolicited304IsNotASource() throws Exception {
    ImgridException e = failure(fetcher.fetch(url("/not-modified"), FetchRequest.process()));
    assertThat(e.status()).isEqualTo(404);
  }

  @Test
  void partialContentIsASourceOnlyWhenItIsWhole() throws Exception {
    assertThat(failure(fetcher.fetch(url("/partial"), FetchRequest.process())).status())
        .isEqualTo(404);
    FetchedSource whole = await(fetcher.fetch(url("/full-partial"), FetchRequest.process()));
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.bytes()).isEqualTo(IMAGE);
  }

  @Test
  void rawModeForwardsRangeAndPassesTheOriginStatusThrough() throws Exception {
    FetchedSource part =
        await(fetcher.fetch(url("/partial"), FetchRequest.raw("bytes=0-3", "gzip")));
    assertThat(part.status()).isEqualTo(206);
    assertThat(part.headers().contentRange()).isEqualTo("bytes 0-3/" + IMAGE.length);
    assertThat(part.body().length()).isEqualTo(4);
    MultiMap sent = seenHeaders.peek();
    assertThat(sent.get("Range")).isEqualTo("bytes=0-3");
    assertThat(sent.get("Accept-Encoding")).isEqualTo("gzip");

    FetchedSource missing = await(fetcher.fetch(url("/status/404"), FetchRequest.raw(null, null)));
    assertThat(missing.status()).isEqualTo(404);
  }

  @ParameterizedTest
  @CsvSource({
    "s3://bucket/key.png",
    "gs://bucket/key.png",
    "abs://container/blob.png",
    "swift://container/object.png",
    "ftp://127.0.0.1/a.png",
    "file:///etc/passwd",
    "gopher://127.0.0.1/",
    "local:///a.png",
    "jar:file:///x!/y",
    "no-scheme-at-all",
  })
  void unknownOrDisabledSchemesAreUnreachable(String url) throws Exception {
    ImgridException e = failure(fetcher.fetch(url, FetchRequest.process()));
    assertThat(e.kind()).isEqualTo(ErrorKind.SOURCE_UNREACHABLE);
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.publicMessage()).isEqualTo("Source is unreachable");
  }

  @Test
  void unsafeCharactersInThePathAreEscapedNotRefused() throws Exception {
    FetchedSource src = await(fetcher.fetch(url("/ok?name=a b|c"), FetchRequest.process()));
    assertThat(src.status()).isEqualTo(200);
  }
}
