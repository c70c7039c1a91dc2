package io.imgrid.shared.config;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * The HTTP server's settings: listeners, concurrency and timeouts, routes, response headers,
 * fallback image, metrics and logging, read from imgproxy's {@code IMGPROXY_*} names with v4
 * defaults (v3 names read as deprecated aliases). Build it with {@link #from(Env)}, then call
 * {@link Env#validate()} once every component has read its settings.
 *
 * @param bind the main listener (imgproxy routes, or {@code /health} on workers)
 * @param network {@code tcp}, {@code tcp4} or {@code tcp6}
 * @param workers processing slots ({@code IMGPROXY_WORKERS}, 2 × cores)
 * @param requestsQueueSize requests allowed to wait for a slot; 0 = unbounded
 * @param maxClients simultaneous connections; 0 = unlimited
 * @param timeout whole-request deadline: queue + download + processing (503)
 * @param pathPrefix prepended to every route, {@code ""} or starting with {@code /}
 * @param healthCheckPath an extra health route, or null
 * @param secret the bearer token every request must carry, or null
 * @param allowOrigin the CORS {@code Access-Control-Allow-Origin}, or null
 * @param prometheusBind the metrics listener, or null when metrics are off
 * @param prometheusNamespace prefix of imgproxy's metric names, {@code ""} for none
 * @param serverTiming {@code IMGRID_SERVER_TIMING}: a {@code Server-Timing} header with the
 *     request's phases on every image answered (imgrid's; imgproxy sends none)
 */
public record ServerConfig(
    Bind bind,
    String network,
    int workers,
    int requestsQueueSize,
    int maxClients,
    Duration timeout,
    Duration readRequestTimeout,
    Duration writeResponseTimeout,
    Duration keepAliveTimeout,
    Duration gracefulStopTimeout,
    String pathPrefix,
    String healthCheckPath,
    String secret,
    String allowOrigin,
    Headers headers,
    Fallback fallback,
    boolean developmentErrorsMode,
    Bind prometheusBind,
    String prometheusNamespace,
    LogFormat logFormat,
    LogLevel logLevel,
    boolean serverTiming) {

  public ServerConfig {
    Objects.requireNonNull(bind, "bind == null");
    Objects.requireNonNull(network, "network == null");
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(readRequestTimeout, "readRequestTimeout == null");
    Objects.requireNonNull(writeResponseTimeout, "writeResponseTimeout == null");
    Objects.requireNonNull(keepAliveTimeout, "keepAliveTimeout == null");
    Objects.requireNonNull(gracefulStopTimeout, "gracefulStopTimeout == null");
    Objects.requireNonNull(pathPrefix, "pathPrefix == null");
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(fallback, "fallback == null");
    Objects.requireNonNull(prometheusNamespace, "prometheusNamespace == null");
    Objects.requireNonNull(logFormat, "logFormat == null");
    Objects.requireNonNull(logLevel, "logLevel == null");
    if (workers < 1) {
      throw new IllegalArgumentException("workers < 1: " + workers);
    }
  }

  /** A listen address; host {@code 0.0.0.0} for imgproxy's {@code :port}. */
  public record Bind(String host, int port) {
    public Bind {
      Objects.requireNonNull(host, "host == null");
    }

    /** Parses {@code host:port}, {@code :port} or {@code [v6]:port}; null when malformed. */
    public static Bind parse(String value) {
      int colon = value.lastIndexOf(':');
      if (colon < 0) {
        return null;
      }
      String host = value.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (host.isEmpty()) {
        host = "0.0.0.0";
      }
      try {
        int port = Integer.parseInt(value.substring(colon + 1));
        return port < 0 || port > 65535 ? null : new Bind(host, port);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /**
   * Settings of the processed-image response headers (contract §5.2).
   *
   * @param ttl {@code IMGPROXY_TTL} seconds; 0 gives {@code no-cache}
   * @param etagBuster null when unset
   * @param lastModifiedBuster null when unset
   */
  public record Headers(
      int ttl,
      boolean cacheControlPassthrough,
      boolean useEtag,
      String etagBuster,
      boolean useLastModified,
      Instant lastModifiedBuster,
      boolean setCanonicalHeader,
      boolean enableDebugHeaders) {

    /** imgproxy v4's defaults. */
    public static final Headers DEFAULT =
        new Headers(31_536_000, false, true, null, true, null, false, false);
  }

  /**
   * The fallback image answered for download-stage errors. At most one of data, path and URL is
   * set; {@code data} is already base64-decoded.
   *
   * @param httpCode the status to answer with it; 0 keeps the original error status
   * @param ttl the Cache-Control max-age for it; 0 uses the normal TTL
   */
  public record Fallback(byte[] data, String path, String url, int httpCode, int ttl) {
    public boolean isSet() {
      return data != null || path != null || url != null;
    }
  }

  public enum LogFormat {
    PRETTY,
    STRUCTURED,
    JSON,
    GCP
  }

  public enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /** Reads every setting, recording each bad value on {@code env}. */
  public static ServerConfig from(Env env) {
    return from(env, Runtime.getRuntime().availableProcessors());
  }

  /** As {@link #from(Env)}, with the core count that sets the default number of workers. */
  public static ServerConfig from(Env env, int cores) {
    env.alias("IMGPROXY_WORKERS", "IMGPROXY_CONCURRENCY");
    env.alias("IMGPROXY_READ_REQUEST_TIMEOUT", "IMGPROXY_READ_TIMEOUT");
    env.alias("IMGPROXY_WRITE_RESPONSE_TIMEOUT", "IMGPROXY_WRITE_TIMEOUT");

    String network = env.string("IMGPROXY_NETWORK", "tcp");
    if (!network.equals("tcp") && !network.equals("tcp4") && !network.equals("tcp6")) {
      env.problem("IMGPROXY_NETWORK", "must be tcp, tcp4 or tcp6 (unix sockets are not supported), got '" + network + "'");
      network = "tcp";
    }
    String bindText = env.raw("IMGPROXY_BIND");
    String bindName = "IMGPROXY_BIND";
    if (bindText == null && env.raw("PORT") != null) {
      bindText = ":" + env.raw("PORT");
      bindName = "PORT";
    }
    Bind bind = bind(env, bindName, bindText == null ? ":8080" : bindText);

    int workers = env.integer("IMGPROXY_WORKERS", Math.max(1, 2 * cores), 1, 1 << 16);
    int queue = env.integer("IMGPROXY_REQUESTS_QUEUE_SIZE", 0, 0, Integer.MAX_VALUE);
    int maxClients = env.integer("IMGPROXY_MAX_CLIENTS", 2048, 0, Integer.MAX_VALUE);
    Duration timeout = positive(env, "IMGPROXY_TIMEOUT", Duration.ofSeconds(10));
    Duration read = positive(env, "IMGPROXY_READ_REQUEST_TIMEOUT", Duration.ofSeconds(10));
    Duration write = positive(env, "IMGPROXY_WRITE_RESPONSE_TIMEOUT", Duration.ofSeconds(10));
    Duration keepAlive = env.seconds("IMGPROXY_KEEP_ALIVE_TIMEOUT", Duration.ofSeconds(10));
    Duration graceful = env.seconds("IMGPROXY_GRACEFUL_STOP_TIMEOUT", timeout.multipliedBy(2));

    String prefix = env.string("IMGPROXY_PATH_PREFIX", "");
    if (!prefix.isEmpty() && !prefix.startsWith("/")) {
      env.problem("IMGPROXY_PATH_PREFIX", "must start with '/', got '" + prefix + "'");
    }
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    String healthPath = env.raw("IMGPROXY_HEALTH_CHECK_PATH");
    if (healthPath != null && !healthPath.startsWith("/")) {
      env.problem("IMGPROXY_HEALTH_CHECK_PATH", "must start with '/', got '" + healthPath + "'");
    }

    Bind prometheus = null;
    String promText = env.raw("IMGPROXY_PROMETHEUS_BIND");
    if (promText != null) {
      prometheus = bind(env, "IMGPROXY_PROMETHEUS_BIND", promText);
      if (prometheus != null && prometheus.equals(bind) && bind.port() != 0) {
        env.problem("IMGPROXY_PROMETHEUS_BIND", "must differ from IMGPROXY_BIND");
      }
    }

    return new ServerConfig(
        bind == null ? new Bind("0.0.0.0", 8080) : bind,
        network,
        workers,
        queue,
        maxClients,
        timeout,
        read,
        write,
        keepAlive,
        graceful,
        prefix,
        healthPath,
        env.raw("IMGPROXY_SECRET"),
        env.raw("IMGPROXY_ALLOW_ORIGIN"),
        headers(env),
        fallback(env),
        env.bool("IMGPROXY_DEVELOPMENT_ERRORS_MODE", false),
        prometheus,
        env.string("IMGPROXY_PROMETHEUS_NAMESPACE", ""),
        choice(env, "IMGPROXY_LOG_FORMAT", LogFormat.PRETTY, LogFormat.class),
        choice(env, "IMGPROXY_LOG_LEVEL", LogLevel.INFO, LogLevel.class),
        env.bool("IMGRID_SERVER_TIMING", false));
  }

  private static Headers headers(Env env) {
    Instant lastModifiedBuster = null;
    String lmb = env.raw("IMGPROXY_LAST_MODIFIED_BUSTER");
    if (lmb != null) {
      try {
        lastModifiedBuster = OffsetDateTime.parse(lmb).toInstant();
      } catch (DateTimeParseException e) {
        env.problem("IMGPROXY_LAST_MODIFIED_BUSTER", "must be an RFC3339 time, got '" + lmb + "'");
      }
    }
    return new Headers(
        env.integer("IMGPROXY_TTL", Headers.DEFAULT.ttl(), 0, Integer.MAX_VALUE),
        env.bool("IMGPROXY_CACHE_CONTROL_PASSTHROUGH", false),
        env.bool("IMGPROXY_USE_ETAG", true),
        env.raw("IMGPROXY_ETAG_BUSTER"),
        env.bool("IMGPROXY_USE_LAST_MODIFIED", true),
        lastModifiedBuster,
        env.bool("IMGPROXY_SET_CANONICAL_HEADER", false),
        env.bool("IMGPROXY_ENABLE_DEBUG_HEADERS", false));
  }

  private static Fallback fallback(Env env) {
    byte[] data = null;
    String b64 = env.raw("IMGPROXY_FALLBACK_IMAGE_DATA");
    if (b64 != null) {
      try {
        data = Base64.getMimeDecoder().decode(b64);
      } catch (IllegalArgumentException e) {
        env.problem("IMGPROXY_FALLBACK_IMAGE_DATA", "must be base64");
      }
    }
    String path = env.raw("IMGPROXY_FALLBACK_IMAGE_PATH");
    String url = env.raw("IMGPROXY_FALLBACK_IMAGE_URL");
    int sources = (b64 != null ? 1 : 0) + (path != null ? 1 : 0) + (url != null ? 1 : 0);
    if (sources > 1) {
      env.problem(
          "IMGPROXY_FALLBACK_IMAGE_DATA",
          "only one of IMGPROXY_FALLBACK_IMAGE_DATA, _PATH and _URL may be set");
    }
    int code = env.integer("IMGPROXY_FALLBACK_IMAGE_HTTP_CODE", 200, 0, 599);
    if (code != 0 && code < 100) {
      env.problem("IMGPROXY_FALLBACK_IMAGE_HTTP_CODE", "must be 0 or an HTTP status, got " + code);
    }
    int ttl = env.integer("IMGPROXY_FALLBACK_IMAGE_TTL", 0, 0, Integer.MAX_VALUE);
    return new Fallback(data, path, url, code, ttl);
  }

  private static Bind bind(Env env, String name, String value) {
    Bind b = Bind.parse(value);
    if (b == null) {
      env.problem(name, "must be host:port or :port, got '" + value + "'");
    }
    return b;
  }

  private static Duration positive(Env env, String name, Duration def) {
    Duration d = env.seconds(name, def);
    if (d.isZero()) {
      env.problem(name, "must be greater than 0");
      return def;
    }
    return d;
  }

  private static <E extends Enum<E>> E choice(Env env, String name, E def, Class<E> type) {
    String v = env.raw(name);
    if (v == null) {
      return def;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      env.problem(name, "unknown value '" + v + "'");
      return def;
    }
  }
}
