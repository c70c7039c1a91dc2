package io.imgrid.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchConfigTest {

  @Test
  void defaultsAreImgproxys() {
    Env env = Env.of(Map.of());
    FetchConfig c = FetchConfig.from(env);
    assertThat(env.problems()).isEmpty();
    assertThat(c.downloadTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.maxRedirects()).isEqualTo(10);
    assertThat(c.userAgent()).isEqualTo("imgrid/0.1");
    assertThat(c.localFilesystemEnabled()).isFalse();
    assertThat(c.ignoreSslVerification()).isFalse();
    assertThat(c.clientKeepAliveTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.allowLoopback()).isFalse();
    assertThat(c.allowLinkLocal()).isFalse();
    assertThat(c.allowPrivate()).isTrue();
    assertThat(c.maxSrcFileSize()).isZero();
    assertThat(c.sourceUrlQuerySeparator()).isEqualTo("?");
    assertThat(c.cacheControlPassthrough()).isFalse();
    assertThat(c.useEtag()).isTrue();
    assertThat(c.useLastModified()).isTrue();
    assertThat(c.etagBuster()).isEmpty();
    assertThat(c.lastModifiedBuster()).isNull();
  }

  @Test
  void readsEverySetting(@TempDir Path root) {
    Env env =
        Env.of(
            Map.ofEntries(
                Map.entry("IMGPROXY_DOWNLOAD_TIMEOUT", "7"),
                Map.entry("IMGPROXY_MAX_REDIRECTS", "0"),
                Map.entry("IMGPROXY_USER_AGENT", "bot/%current_version (x)"),
                Map.entry("IMGPROXY_LOCAL_FILESYSTEM_ROOT", root.toString()),
                Map.entry("IMGPROXY_IGNORE_SSL_VERIFICATION", "true"),
                Map.entry("IMGPROXY_CLIENT_KEEP_ALIVE_TIMEOUT", "0"),
                Map.entry("IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "1"),
                Map.entry("IMGPROXY_ALLOW_LINK_LOCAL_SOURCE_ADDRESSES", "t"),
                Map.entry("IMGPROXY_ALLOW_PRIVATE_SOURCE_ADDRESSES", "false"),
                Map.entry("IMGPROXY_MAX_SRC_FILE_SIZE", "1048576"),
                Map.entry("IMGPROXY_SOURCE_URL_QUERY_SEPARATOR", ""),
                Map.entry("IMGPROXY_CACHE_CONTROL_PASSTHROUGH", "true"),
                Map.entry("IMGPROXY_USE_ETAG", "false"),
                Map.entry("IMGPROXY_USE_LAST_MODIFIED", "false"),
                Map.entry("IMGPROXY_ETAG_BUSTER", "v2"),
                Map.entry("IMGPROXY_LAST_MODIFIED_BUSTER", "2024-05-01T10:00:00Z")));
    FetchConfig c = FetchConfig.from(env);
    assertThat(env.problems()).isEmpty();
    assertThat(c.downloadTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(c.maxRedirects()).isZero();
    assertThat(c.userAgent()).isEqualTo("bot/0.1 (x)");
    assertThat(c.localFilesystemRoot()).isEqualTo(root.toAbsolutePath().normalize());
    assertThat(c.ignoreSslVerification()).isTrue();
    assertThat(c.clientKeepAliveTimeout()).isZero();
    assertThat(c.allowLoopback()).isTrue();
    assertThat(c.allowLinkLocal()).isTrue();
    assertThat(c.allowPrivate()).isFalse();
    assertThat(c.maxSrcFileSize()).isEqualTo(1048576);
    assertThat(c.sourceUrlQuerySeparator()).isEmpty();
    assertThat(c.cacheControlPassthrough()).isTrue();
    assertThat(c.useEtag()).isFalse();
    assertThat(c.useLastModified()).isFalse();
    assertThat(c.etagBuster()).isEqualTo("v2");
    assertThat(c.lastModifiedBuster()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
  }

  @Test
  void recordsEveryBadValue(@TempDir Path dir) {
    Env env =
        Env.of(
            Map.of(
                "IMGPROXY_DOWNLOAD_TIMEOUT", "0",
                "IMGPROXY_MAX_REDIRECTS", "-1",
                "IMGPROXY_LOCAL_FILESYSTEM_ROOT", dir.resolve("missing").toString(),
                "IMGPROXY_MAX_SRC_FILE_SIZE", "lots",
                "IMGPROXY_LAST_MODIFIED_BUSTER", "yesterday",
                "IMGPROXY_USE_ETAG", "maybe"));
    FetchConfig c = FetchConfig.from(env);
    assertThat(env.problems())
        .hasSize(6)
        .anyMatch(p -> p.startsWith("IMGPROXY_DOWNLOAD_TIMEOUT"))
        .anyMatch(p -> p.startsWith("IMGPROXY_MAX_REDIRECTS"))
        .anyMatch(p -> p.startsWith("IMGPROXY_LOCAL_FILESYSTEM_ROOT"))
        .anyMatch(p -> p.startsWith("IMGPROXY_MAX_SRC_FILE_SIZE"))
        .anyMatch(p -> p.startsWith("IMGPROXY_LAST_MODIFIED_BUSTER"))
        .anyMatch(p -> p.startsWith("IMGPROXY_USE_ETAG"));
    assertThat(c.downloadTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.localFilesystemEnabled()).isFalse();
  }
}
