package io.imgrid.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/nginx/imgrid.conf: a shared cache keyed on URI + Accept bucket that collapses misses and
 * takes freshness from imgrid's Cache-Control only, in front of a gateway pool whose addresses,
 * cache folder and port are on marked lines that .ci/nginx-check.sh (and a local setup) rewrite.
 * The syntax itself is proven by `nginx -t` in .ci/nginx-check.sh.
 */
class NginxConfTest {
  private static final String CONF = "deploy/nginx/imgrid.conf";

  /** Directives of the config (comments stripped), one string each, whitespace collapsed. */
  static List<String> directives() {
    List<String> out = new ArrayList<>();
    for (String line : DeployFiles.text(CONF).split("\n")) {
      String code = line.replaceAll("#.*$", "").strip().replaceAll("\\s+", " ");
      if (!code.isEmpty()) {
        out.add(code);
      }
    }
    return out;
  }

  /** host:port of every `server` line in the upstream pool. */
  static List<String> upstreamServers() {
    List<String> servers = new ArrayList<>();
    Pattern server = Pattern.compile("^\\s*server (\\S+?)[ ;].*# imgrid:upstream$");
    for (String line : DeployFiles.text(CONF).split("\n")) {
      Matcher m = server.matcher(line);
      if (m.find()) {
        servers.add(m.group(1));
      }
    }
    return servers;
  }

  @Test
  void substitutableLinesAreMarked() {
    String text = DeployFiles.text(CONF);
    assertThat(upstreamServers()).isNotEmpty();
    assertThat(text).containsPattern("(?m)^proxy_cache_path /\\S+ .*keys_zone=imgrid_cache:.*# imgrid:cache-path$");
    assertThat(text).containsPattern("(?m)^\\s*listen 8080; +# imgrid:listen$");
    assertThat(directives()).contains("upstream imgrid_gateways {");
  }

  @Test
  void theCacheCollapsesMissesAndKeysOnUriAndTheAcceptBucket() {
    List<String> d = directives();
    assertThat(d).contains("proxy_cache imgrid_cache;", "proxy_cache_lock on;", "proxy_pass http://imgrid_gateways;");
    String key = d.stream().filter(s -> s.startsWith("proxy_cache_key ")).findFirst().orElseThrow();
    assertThat(key).contains("$request_uri", "$imgrid_accept_webp", "$imgrid_accept_avif", "$imgrid_accept_jxl")
        .doesNotContain("$http_accept");
    for (String format : List.of("webp", "avif", "jxl")) {
      assertThat(d).anySatisfy(s -> assertThat(s)
          .startsWith("map $http_accept $imgrid_accept_" + format + " ")
          .contains("\"~image/" + format + "\""));
    }
  }

  @Test
  void freshnessComesOnlyFromUpstreamCacheControl() {
    for (String d : directives()) {
      assertThat(d).doesNotStartWith("proxy_cache_valid");
      if (d.startsWith("proxy_ignore_headers")) {
        assertThat(d).doesNotContain("Cache-Control", "Expires", "X-Accel-Expires");
      }
    }
  }

  @Test
  void healthIsProxiedUncached() {
    String text = DeployFiles.text(CONF);
    assertThat(text).containsPattern("location = /health \\{\\s*proxy_cache off;\\s*proxy_pass http://imgrid_gateways;");
  }
}
