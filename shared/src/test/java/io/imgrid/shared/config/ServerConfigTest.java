package io.imgrid.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private static ServerConfig read(Map<String, String> vars) {
    Env env = Env.of(vars);
    ServerConfig c = ServerConfig.from(env, 4);
    env.validate();
    return c;
  }

  @Test
  void defaultsAreImgproxyV4() {
    ServerConfig c = read(Map.of());
    assertThat(c.bind()).isEqualTo(new ServerConfig.Bind("0.0.0.0", 8080));
    assertThat(c.network()).isEqualTo("tcp");
    assertThat(c.workers()).isEqualTo(8);
    assertThat(c.requestsQueueSize()).isZero();
    assertThat(c.maxClients()).isEqualTo(2048);
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.readRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.writeResponseTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.gracefulStopTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.pathPrefix()).isEmpty();
    assertThat(c.healthCheckPath()).isNull();
    assertThat(c.secret()).isNull();
    assertThat(c.headers()).isEqualTo(ServerConfig.Headers.DEFAULT);
    assertThat(c.fallback().isSet()).isFalse();
    assertThat(c.fallback().httpCode()).isEqualTo(200);
    assertThat(c.prometheusBind()).isNull();
    assertThat(c.logFormat()).isEqualTo(ServerConfig.LogFormat.PRETTY);
    assertThat(c.logLevel()).isEqualTo(ServerConfig.LogLevel.INFO);
  }

  @Test
  void readsEverySetting() {
    ServerConfig c =
        read(
            Map.ofEntries(
                Map.entry("IMGPROXY_BIND", "127.0.0.1:9000"),
                Map.entry("IMGPROXY_WORKERS", "3"),
                Map.entry("IMGPROXY_REQUESTS_QUEUE_SIZE", "5"),
                Map.entry("IMGPROXY_TIMEOUT", "7"),
                Map.entry("IMGPROXY_PATH_PREFIX", "/img/"),
                Map.entry("IMGPROXY_HEALTH_CHECK_PATH", "/ping"),
                Map.entry("IMGPROXY_SECRET", "s3cret"),
                Map.entry("IMGPROXY_ALLOW_ORIGIN", "*"),
                Map.entry("IMGPROXY_TTL", "0"),
                Map.entry("IMGPROXY_ETAG_BUSTER", "v2"),
                Map.entry("IMGPROXY_LAST_MODIFIED_BUSTER", "2024-01-02T03:04:05Z"),
                Map.entry("IMGPROXY_FALLBACK_IMAGE_DATA", "AQID"),
                Map.entry("IMGPROXY_FALLBACK_IMAGE_HTTP_CODE", "0"),
                Map.entry("IMGPROXY_PROMETHEUS_BIND", "127.0.0.1:9100"),
                Map.entry("IMGPROXY_PROMETHEUS_NAMESPACE", "ns"),
                Map.entry("IMGPROXY_LOG_FORMAT", "json"),
                Map.entry("IMGPROXY_LOG_LEVEL", "debug")));
    assertThat(c.bind()).isEqualTo(new ServerConfig.Bind("127.0.0.1", 9000));
    assertThat(c.workers()).isEqualTo(3);
    assertThat(c.requestsQueueSize()).isEqualTo(5);
    assertThat(c.gracefulStopTimeout()).isEqualTo(Duration.ofSeconds(14));
    assertThat(c.pathPrefix()).isEqualTo("/img");
    assertThat(c.healthCheckPath()).isEqualTo("/ping");
    assertThat(c.headers().ttl()).isZero();
    assertThat(c.headers().etagBuster()).isEqualTo("v2");
    assertThat(c.headers().lastModifiedBuster()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(c.fallback().data()).containsExactly(1, 2, 3);
    assertThat(c.fallback().httpCode()).isZero();
    assertThat(c.prometheusBind()).isEqualTo(new ServerConfig.Bind("127.0.0.1", 9100));
    assertThat(c.logFormat()).isEqualTo(ServerConfig.LogFormat.JSON);
    assertThat(c.logLevel()).isEqualTo(ServerConfig.LogLevel.DEBUG);
  }

  @Test
  void portIsTheFallbackOfBind() {
    assertThat(read(Map.of("PORT", "3000")).bind().port()).isEqualTo(3000);
    assertThat(read(Map.of("PORT", "3000", "IMGPROXY_BIND", ":4000")).bind().port())
        .isEqualTo(4000);
  }

  @Test
  void v3NamesAreAliasesWithAWarning() {
    Env env =
        Env.of(
            Map.of(
                "IMGPROXY_CONCURRENCY", "6",
                "IMGPROXY_READ_TIMEOUT", "3",
                "IMGPROXY_WRITE_TIMEOUT", "4"));
    ServerConfig c = ServerConfig.from(env, 1);
    assertThat(c.workers()).isEqualTo(6);
    assertThat(c.readRequestTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.writeResponseTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(env.warnings()).hasSize(3);
  }

  @Test
  void everyBadValueIsReportedAtOnce() {
    Env env =
        Env.of(
            Map.of(
                "IMGPROXY_BIND", "nonsense",
                "IMGPROXY_WORKERS", "0",
                "IMGPROXY_NETWORK", "unix",
                "IMGPROXY_LAST_MODIFIED_BUSTER", "yesterday",
                "IMGPROXY_LOG_FORMAT", "xml",
                "IMGPROXY_TIMEOUT", "0",
                "IMGPROXY_USE_ETAG", "maybe"));
    ServerConfig.from(env, 2);
    assertThatThrownBy(env::validate)
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(7));
  }
}
