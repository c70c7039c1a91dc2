package io.imgrid.shared.fetch;

import io.imgrid.shared.config.FetchConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.TrustOptions;

/**
 * {@code http(s)://} sources. Owns the pooled HTTP client; each fetch is one {@link HttpDownload}.
 *
 * <p>The client never follows redirects or decompresses by itself: the download follows each
 * hop after resolving and checking it, and asks the origin for identity encoding.
 */
final class HttpSourceFetcher {
  private final Vertx vertx;
  private final FetchConfig config;
  private final HostResolver resolver;
  private final NetworkGuard guard;
  private final HttpClient client;

  /**
   * @param trust extra trusted certificates (tests with a self-signed origin); null uses the
   *     JVM's trust store
   */
  HttpSourceFetcher(Vertx vertx, FetchConfig config, HostResolver resolver, TrustOptions trust) {
    this.vertx = vertx;
    this.config = config;
    this.resolver = resolver;
    this.guard = NetworkGuard.from(config);
    this.client = vertx.createHttpClient(clientOptions(config, trust), new PoolOptions());
  }

  private static HttpClientOptions clientOptions(FetchConfig config, TrustOptions trust) {
    long keepAlive = config.clientKeepAliveTimeout().toSeconds();
    HttpClientOptions options =
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_1_1)
            .setDecompressionSupported(false)
            .setMaxRedirects(0)
            .setKeepAlive(keepAlive > 0)
            .setKeepAliveTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(keepAlive, 1)))
            .setForceSni(true)
            .setVerifyHost(!config.ignoreSslVerification())
            .setTrustAll(config.ignoreSslVerification());
    if (trust != null) {
      options.setTrustOptions(trust);
    }
    return options;
  }

  Future<FetchedSource> fetch(String url, FetchRequest request) {
    Context context = vertx.getOrCreateContext();
    Promise<FetchedSource> promise = Promise.promise();
    HttpDownload download =
        new HttpDownload(vertx, client, resolver, guard, config, request, promise);
    context.runOnContext(v -> download.start(url));
    return promise.future();
  }

  Future<Void> close() {
    return client.close();
  }
}
