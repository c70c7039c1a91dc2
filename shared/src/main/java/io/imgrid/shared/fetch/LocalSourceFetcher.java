package io.imgrid.shared.fetch;

import io.imgrid.shared.config.FetchConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.error.SourceException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * {@code local://} sources under {@code IMGPROXY_LOCAL_FILESYSTEM_ROOT}.
 *
 * <p>Nothing outside the root is ever read. The path is taken literally, as imgproxy does (it
 * escapes {@code %} before parsing, so {@code %2e%2e} names a file called {@code %2e%2e}); a
 * {@code ..} segment is refused outright; the lexical result must lie under the root; and the
 * real path (symlinks followed) must still lie under the real root. {@link Path#startsWith} works
 * on whole components, so a sibling such as {@code /data/img2} never passes for {@code /data/img}.
 *
 * <p>Files answer 304 themselves for a matching validator, with imgproxy's ETag
 * {@code "b64url(sha256("/path__<size>__<mtimeNanos>"))"} and the mtime as Last-Modified. Files
 * are read on a worker thread, never on the event loop.
 */
final class LocalSourceFetcher {
  private final Vertx vertx;
  private final FetchConfig config;

  LocalSourceFetcher(Vertx vertx, FetchConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  Future<FetchedSource> fetch(String url, FetchRequest request) {
    String name;
    try {
      name = objectName(url, config.sourceUrlQuerySeparator());
    } catch (RequestException e) {
      return Future.failedFuture(e);
    }
    return vertx.executeBlocking(() -> read(url, name, request), false);
  }

  /**
   * The file name inside the root, always starting with {@code /}: everything after {@code
   * local://} up to the query separator.
   *
   * @throws RequestException for a {@code ..} segment or a NUL byte
   */
  static String objectName(String url, String querySeparator) {
    String name = url.substring(url.indexOf("://") + 3);
    if (!querySeparator.isEmpty()) {
      int q = name.indexOf(querySeparator);
      if (q >= 0) {
        name = name.substring(0, q);
      }
    }
    if (!name.startsWith("/")) {
      name = "/" + name;
    }
    if (name.indexOf('\0') >= 0) {
      throw refused("NUL in local path");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        throw refused("'..' in local path " + name);
      }
    }
    return name;
  }

  private FetchedSource read(String url, String name, FetchRequest request) throws IOException {
    Path root = config.localFilesystemRoot();
    Path file = resolveUnderRoot(root, name);
    Path real;
    try {
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw missing(name);
    }
    if (!real.startsWith(root.toRealPath())) {
      throw refused("local path " + name + " leaves the root");
    }
    BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
    if (!attrs.isRegularFile()) {
      throw missing(name);
    }
    long size = attrs.size();
    long mtimeNanos = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    Instant mtime = attrs.lastModifiedTime().toInstant();
    String etag = etag(name, size, mtimeNanos);
    OriginHeaders headers =
        new OriginHeaders(
            null, size, etag, Conditionals.formatHttpDate(mtime), null, null, null, null, null);
    if (notModified(request, etag, mtime)) {
      return new FetchedSource(304, Buffer.buffer(0), headers, url);
    }
    long cap = request.effectiveMaxBytes(config.maxSrcFileSize());
    long limit = cap > 0 ? cap : Integer.MAX_VALUE - 8;
    if (size > limit) {
      throw ImageException.invalidSource("local file of " + size + " bytes exceeds " + limit);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
      bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
    }
    if (bytes.length > limit) {
      throw ImageException.invalidSource("local file grew past " + limit + " bytes");
    }
    return new FetchedSource(200, Buffer.buffer(bytes), headers.withContentLength(bytes.length), url);
  }

  /** The lexical path under the root; refuses anything that would leave it. */
  static Path resolveUnderRoot(Path root, String name) {
    Path file;
    try {
      file = root.resolve(name.substring(1)).normalize();
    } catch (InvalidPathException e) {
      throw refused("invalid local path");
    }
    if (!file.startsWith(root) || file.equals(root)) {
      throw refused("local path " + name + " leaves the root");
    }
    return file;
  }

  private static boolean notModified(FetchRequest request, String etag, Instant mtime) {
    if (request.ifNoneMatch() != null) {
      return request.ifNoneMatch().trim().equals(etag);
    }
    if (request.ifModifiedSince() != null) {
      Instant since = Conditionals.parseHttpDate(request.ifModifiedSince());
      return since != null && mtime.getEpochSecond() <= since.getEpochSecond();
    }
    return false;
  }

  /** imgproxy's local ETag: {@code "b64url(sha256("<path>__<size>__<mtimeNanos>"))"}. */
  static String etag(String name, long size, long mtimeNanos) {
    String tag = name + "__" + size + "__" + mtimeNanos;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(tag.getBytes(StandardCharsets.UTF_8));
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static RequestException refused(String detail) {
    return new RequestException(ErrorKind.INVALID_SOURCE_URL, detail);
  }

  private static SourceException missing(String name) {
    return new SourceException(ErrorKind.SOURCE_UNREACHABLE, "no local file " + name);
  }
}
