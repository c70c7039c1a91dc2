package io.imgrid.app;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.ServerConfig;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code bin/imgrid health}: exit 0 when the local node's {@code /health} answers 200 on
 * {@code IMGPROXY_BIND}, else 1 (as {@code imgproxy health}; for container health checks).
 */
final class HealthCommand {
  private HealthCommand() {}

  static int run(Map<String, String> env, PrintStream err) {
    ServerConfig server = ServerConfig.from(Env.of(env));
    String host = server.bind().host();
    if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    String path = server.pathPrefix() + "/health";
    URI uri = URI.create("http://" + host + ":" + server.bind().port() + path);
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<Void> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return 0;
      }
      err.println("imgrid health: " + uri + " answered " + response.statusCode());
      return 1;
    } catch (Exception e) {
      err.println("imgrid health: " + uri + " unreachable: " + e.getMessage());
      return 1;
    }
  }
}
