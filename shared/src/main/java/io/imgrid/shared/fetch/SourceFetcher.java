package io.imgrid.shared.fetch;

import io.imgrid.shared.config.FetchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Fetches a source image by URL: {@code http(s)://} through Vert.x's HTTP client behind the SSRF
 * {@link NetworkGuard}, {@code local://} under {@code IMGPROXY_LOCAL_FILESYSTEM_ROOT}. Every other
 * scheme is "Source is unreachable".
 *
 * <p>Failures are {@link io.imgrid.shared.error.ImgridException}s with imgproxy's statuses: a
 * refused address is 404 "Invalid source URL"; an origin 4xx is mirrored and a 5xx is 502;
 * other statuses, connection errors and too many redirects are 404; the download timeout is
 * 504; a body over the byte cap is 422 "Invalid source image"; a truncated body is 422 "Source
 * response is incomplete"; the request's own deadline is 503 "Timeout".
 *
 * <p>Thread-safe; one instance per Vert.x instance is enough. The body is held in memory, never
 * beyond the byte cap.
 */
public interface SourceFetcher {

  /** Fetches {@code url} (already decoded from the imgproxy path) as {@code request} says. */
  Future<FetchedSource> fetch(String url, FetchRequest request);

  /** Releases the HTTP connection pool. */
  Future<Void> close();

  /** A fetcher resolving host names with the JVM's resolver. */
  static SourceFetcher create(Vertx vertx, FetchConfig config) {
    return create(vertx, config, HostResolver.system(vertx));
  }

  /** A fetcher with its own resolver (tests use this to play a rebinding DNS server). */
  static SourceFetcher create(Vertx vertx, FetchConfig config, HostResolver resolver) {
    return new RoutingSourceFetcher(
        config, new HttpSourceFetcher(vertx, config, resolver, null), new LocalSourceFetcher(vertx, config));
  }
}
