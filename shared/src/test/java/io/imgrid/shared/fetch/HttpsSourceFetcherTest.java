package io.imgrid.shared.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.FetchConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * https: the fetcher dials the checked IP, yet SNI, the Host header and the certificate check
 * use the URL's host name. The origin's certificate is for {@code localhost}.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HttpsSourceFetcherTest {
  private static SelfSignedCertificate cert;
  private Vertx vertx;
  private HttpServer origin;
  private int port;
  private final ConcurrentLinkedQueue<String> sni = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> hosts = new ConcurrentLinkedQueue<>();

  /** Generating a key pair is slow: one certificate for the class. */
  @BeforeAll
  static void certificate() {
    cert = SelfSignedCertificate.create("localhost");
  }

  @AfterAll
  static void deleteCertificate() {
    cert.delete();
  }

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    HttpServerOptions options =
        new HttpServerOptions().setSsl(true).setSni(true).setKeyCertOptions(cert.keyCertOptions());
    origin =
        vertx
            .createHttpServer(options)
            .requestHandler(
                req -> {
                  sni.add(String.valueOf(req.connection().indicatedServerName()));
                  hosts.add(req.getHeader("Host"));
                  req.response().end("secure bytes");
                });
    port = await(origin.listen(0, "127.0.0.1")).actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    await(origin.close());
  }

  private SourceFetcher fetcher(Map<String, String> extra) throws Exception {
    Map<String, String> vars = new HashMap<>();
    vars.put("IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "true");
    vars.put("IMGPROXY_DOWNLOAD_TIMEOUT", "3");
    vars.putAll(extra);
    Env env = Env.of(vars);
    FetchConfig config = FetchConfig.from(env);
    env.validate();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    HostResolver everythingIsLoopback = host -> Future.succeededFuture(List.of(loopback));
    return new RoutingSourceFetcher(
        config,
        new HttpSourceFetcher(vertx, config, everythingIsLoopback, cert.trustOptions()),
        new LocalSourceFetcher(vertx, config));
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(8, TimeUnit.SECONDS);
  }

  private static ImgridException failure(Future<?> future) throws Exception {
    try {
      Object result = future.toCompletionStage().toCompletableFuture().get(8, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + result);
    } catch (ExecutionException e) {
      return (ImgridException) e.getCause();
    }
  }

  @Test
  void sniHostHeaderAndCertificateCheckUseTheUrlHost() throws Exception {
    SourceFetcher fetcher = fetcher(Map.of());
    try {
      FetchedSource src =
          await(fetcher.fetch("https://localhost:" + port + "/a.png", FetchRequest.process()));
      assertThat(src.body().toString()).isEqualTo("secure bytes");
      assertThat(sni).containsExactly("localhost");
      assertThat(hosts).containsExactly("localhost:" + port);
    } finally {
      await(fetcher.close());
    }
  }

  /**
   * Refused, and no request reaches the origin. Vert.x 5.0.7 reports a failed handshake only
   * when the connect timeout runs out, so this ends as the download timeout (504) rather than
   * a connection error (404).
   */
  @Test
  void aNameTheCertificateDoesNotCoverIsRefused() throws Exception {
    SourceFetcher fetcher = fetcher(Map.of("IMGPROXY_DOWNLOAD_TIMEOUT", "1"));
    try {
      Future<FetchedSource> byName =
          fetcher.fetch("https://wrong.example:" + port + "/a.png", FetchRequest.process());
      Future<FetchedSource> byIp =
          fetcher.fetch("https://127.0.0.1:" + port + "/a.png", FetchRequest.process());
      for (Future<FetchedSource> refused : List.of(byName, byIp)) {
        assertThat(failure(refused).kind())
            .isIn(ErrorKind.SOURCE_UNREACHABLE, ErrorKind.SOURCE_TIMEOUT);
      }
      assertThat(hosts).isEmpty();
    } finally {
      await(fetcher.close());
    }
  }

  @Test
  void ignoreSslVerificationAcceptsAnyName() throws Exception {
    SourceFetcher fetcher = fetcher(Map.of("IMGPROXY_IGNORE_SSL_VERIFICATION", "true"));
    try {
      FetchedSource src =
          await(fetcher.fetch("https://wrong.example:" + port + "/", FetchRequest.process()));
      assertThat(src.status()).isEqualTo(200);
    } finally {
      await(fetcher.close());
    }
  }
}
