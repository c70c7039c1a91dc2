package io.imgrid.shared.fetch;

import io.imgrid.shared.config.FetchConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.SourceException;
import io.vertx.core.Future;
import java.util.Locale;

/** Sends each URL to the fetcher of its scheme; unknown or disabled schemes are unreachable. */
final class RoutingSourceFetcher implements SourceFetcher {
  private final FetchConfig config;
  private final HttpSourceFetcher http;
  private final LocalSourceFetcher local;

  RoutingSourceFetcher(FetchConfig config, HttpSourceFetcher http, LocalSourceFetcher local) {
    this.config = config;
    this.http = http;
    this.local = local;
  }

  @Override
  public Future<FetchedSource> fetch(String url, FetchRequest request) {
    String scheme = scheme(url);
    if (scheme.equals("http") || scheme.equals("https")) {
      return http.fetch(url, request);
    }
    if (scheme.equals("local") && config.localFilesystemEnabled()) {
      return local.fetch(url, request);
    }
    return Future.failedFuture(
        new SourceException(ErrorKind.SOURCE_UNREACHABLE, "unknown scheme: '" + scheme + "'"));
  }

  @Override
  public Future<Void> close() {
    return http.close();
  }

  /** The lower-cased scheme, or "" when the URL has none. */
  static String scheme(String url) {
    int colon = url.indexOf("://");
    if (colon <= 0) {
      return "";
    }
    String scheme = url.substring(0, colon);
    for (int i = 0; i < scheme.length(); i++) {
      char c = scheme.charAt(i);
      boolean ok = Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.';
      if (!ok || c > 127) {
        return "";
      }
    }
    return scheme.toLowerCase(Locale.ROOT);
  }
}
