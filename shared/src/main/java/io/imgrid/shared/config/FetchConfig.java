package io.imgrid.shared.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * How sources are fetched: the download deadline, redirects, the SSRF switches, the byte cap,
 * {@code local://}, and which validators travel to the origin. imgproxy's v4 defaults.
 *
 * @param downloadTimeout {@code IMGPROXY_DOWNLOAD_TIMEOUT}: connect + headers + body, giving 504
 * @param maxRedirects {@code IMGPROXY_MAX_REDIRECTS}: hops followed; one more gives 404
 * @param userAgent {@code IMGPROXY_USER_AGENT}, {@code %current_version} already substituted
 * @param localFilesystemRoot {@code IMGPROXY_LOCAL_FILESYSTEM_ROOT}; null disables {@code local://}
 * @param ignoreSslVerification {@code IMGPROXY_IGNORE_SSL_VERIFICATION}: development only
 * @param clientKeepAliveTimeout {@code IMGPROXY_CLIENT_KEEP_ALIVE_TIMEOUT}; zero disables keep-alive
 * @param allowLoopback {@code IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES} (also 0.0.0.0 and ::)
 * @param allowLinkLocal {@code IMGPROXY_ALLOW_LINK_LOCAL_SOURCE_ADDRESSES}
 * @param allowPrivate {@code IMGPROXY_ALLOW_PRIVATE_SOURCE_ADDRESSES} (RFC 1918, fc00::/7, CGNAT)
 * @param maxSrcFileSize {@code IMGPROXY_MAX_SRC_FILE_SIZE} in bytes; 0 is no cap
 * @param sourceUrlQuerySeparator {@code IMGPROXY_SOURCE_URL_QUERY_SEPARATOR} for non-HTTP
 *     sources; empty disables the split
 * @param cacheControlPassthrough {@code IMGPROXY_CACHE_CONTROL_PASSTHROUGH}
 * @param useEtag {@code IMGPROXY_USE_ETAG}: forward {@code If-None-Match}, pass ETag up
 * @param useLastModified {@code IMGPROXY_USE_LAST_MODIFIED}: forward {@code If-Modified-Since}
 * @param etagBuster {@code IMGPROXY_ETAG_BUSTER}; empty when unset
 * @param lastModifiedBuster {@code IMGPROXY_LAST_MODIFIED_BUSTER}; null when unset
 */
public record FetchConfig(
    Duration downloadTimeout,
    int maxRedirects,
    String userAgent,
    Path localFilesystemRoot,
    boolean ignoreSslVerification,
    Duration clientKeepAliveTimeout,
    boolean allowLoopback,
    boolean allowLinkLocal,
    boolean allowPrivate,
    long maxSrcFileSize,
    String sourceUrlQuerySeparator,
    boolean cacheControlPassthrough,
    boolean useEtag,
    boolean useLastModified,
    String etagBuster,
    Instant lastModifiedBuster) {

  /** The version {@code %current_version} expands to in the User-Agent. */
  public static final String VERSION = "0.1";

  public static final String DEFAULT_USER_AGENT = "imgrid/%current_version";

  public FetchConfig {
    Objects.requireNonNull(downloadTimeout, "downloadTimeout == null");
    Objects.requireNonNull(userAgent, "userAgent == null");
    Objects.requireNonNull(clientKeepAliveTimeout, "clientKeepAliveTimeout == null");
    Objects.requireNonNull(sourceUrlQuerySeparator, "sourceUrlQuerySeparator == null");
    Objects.requireNonNull(etagBuster, "etagBuster == null");
  }

  /** Every setting at its default: what {@link #from(Env)} gives for an empty environment. */
  public static FetchConfig defaults() {
    return from(Env.of(Map.of()));
  }

  public static FetchConfig from(Env env) {
    Duration timeout = env.seconds("IMGPROXY_DOWNLOAD_TIMEOUT", Duration.ofSeconds(5));
    if (timeout.isZero()) {
      env.problem("IMGPROXY_DOWNLOAD_TIMEOUT", "must be greater than 0");
      timeout = Duration.ofSeconds(5);
    }
    int maxRedirects = env.integer("IMGPROXY_MAX_REDIRECTS", 10, 0, 1000);
    String userAgent =
        env.string("IMGPROXY_USER_AGENT", DEFAULT_USER_AGENT).replace("%current_version", VERSION);
    Path root = localRoot(env);
    boolean ignoreSsl = env.bool("IMGPROXY_IGNORE_SSL_VERIFICATION", false);
    Duration keepAlive = env.seconds("IMGPROXY_CLIENT_KEEP_ALIVE_TIMEOUT", Duration.ofSeconds(90));
    boolean loopback = env.bool("IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", false);
    boolean linkLocal = env.bool("IMGPROXY_ALLOW_LINK_LOCAL_SOURCE_ADDRESSES", false);
    boolean privateNets = env.bool("IMGPROXY_ALLOW_PRIVATE_SOURCE_ADDRESSES", true);
    long maxSize = env.longValue("IMGPROXY_MAX_SRC_FILE_SIZE", 0, 0, Long.MAX_VALUE);
    String separator = env.stringAllowBlank("IMGPROXY_SOURCE_URL_QUERY_SEPARATOR", "?");
    boolean passthrough = env.bool("IMGPROXY_CACHE_CONTROL_PASSTHROUGH", false);
    boolean useEtag = env.bool("IMGPROXY_USE_ETAG", true);
    boolean useLastModified = env.bool("IMGPROXY_USE_LAST_MODIFIED", true);
    String etagBuster = env.string("IMGPROXY_ETAG_BUSTER", "");
    Instant lmBuster = lastModifiedBuster(env);
    return new FetchConfig(
        timeout,
        maxRedirects,
        userAgent,
        root,
        ignoreSsl,
        keepAlive,
        loopback,
        linkLocal,
        privateNets,
        maxSize,
        separator,
        passthrough,
        useEtag,
        useLastModified,
        etagBuster,
        lmBuster);
  }

  private static Path localRoot(Env env) {
    String name = "IMGPROXY_LOCAL_FILESYSTEM_ROOT";
    String v = env.raw(name);
    if (v == null) {
      return null;
    }
    Path root = Path.of(v).toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      env.problem(name, "must be an existing directory, got '" + v + "'");
      return null;
    }
    if (root.getParent() == null) {
      env.warn(name + " is the filesystem root: every file on this machine can be served");
    }
    return root;
  }

  private static Instant lastModifiedBuster(Env env) {
    String name = "IMGPROXY_LAST_MODIFIED_BUSTER";
    String v = env.raw(name);
    if (v == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      env.problem(name, "must be an RFC 3339 time, got '" + v + "'");
      return null;
    }
  }

  /** Whether {@code local://} sources are served at all. */
  public boolean localFilesystemEnabled() {
    return localFilesystemRoot != null;
  }
}
