package io.imgrid.worker.job;

import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.fetch.FetchRequest;
import io.imgrid.shared.fetch.SourceFetcher;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Images a worker reads once at start, as imgproxy does: the fallback image ({@code
 * IMGPROXY_FALLBACK_IMAGE_DATA}, {@code _PATH} or {@code _URL}) and any image given by URL. A
 * source that cannot be read fails the start, so a misconfigured node never serves.
 */
public final class StartupImages {
  private StartupImages() {}

  /** The fallback image's bytes, or empty when none is configured. */
  public static Future<Optional<byte[]>> fallback(
      Vertx vertx, ServerConfig.Fallback settings, SourceFetcher fetcher) {
    if (settings.data() != null) {
      return Future.succeededFuture(Optional.of(settings.data().clone()));
    }
    if (settings.path() != null) {
      return read(vertx, settings.path(), "IMGPROXY_FALLBACK_IMAGE_PATH");
    }
    if (settings.url() != null) {
      return download(settings.url(), fetcher, "IMGPROXY_FALLBACK_IMAGE_URL");
    }
    return Future.succeededFuture(Optional.empty());
  }

  /** Downloads {@code url} with the normal fetch rules (SSRF guard, timeouts, byte cap). */
  public static Future<Optional<byte[]>> download(String url, SourceFetcher fetcher, String setting) {
    return fetcher
        .fetch(url, FetchRequest.process())
        .map(source -> Optional.of(source.bytes()))
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        setting + ": cannot download '" + url + "': " + e.getMessage(), e)));
  }

  private static Future<Optional<byte[]>> read(Vertx vertx, String path, String setting) {
    return vertx
        .fileSystem()
        .readFile(Path.of(path).toString())
        .map(buffer -> Optional.of(buffer.getBytes()))
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        setting + ": cannot read '" + path + "': " + e.getMessage(), e)));
  }
}
