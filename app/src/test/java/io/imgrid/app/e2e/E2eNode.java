package io.imgrid.app.e2e;

import io.imgrid.app.RunningNode;
import io.imgrid.app.Standalone;
import io.imgrid.shared.config.ImgridConfig;
import io.imgrid.shared.fetch.HostResolver;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A standalone node started in-process ({@link Standalone#start}) on 127.0.0.1:0, with a real
 * HTTP client. Loopback sources are allowed unless the test's settings say otherwise, and
 * {@code local://} is rooted at a temporary folder holding {@code test1.png} (10×10) and
 * {@code photo.jpg} (800×600).
 */
final class E2eNode implements AutoCloseable {
  final RunningNode node;
  final Path localRoot;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private E2eNode(RunningNode node, Path localRoot) {
    this.node = node;
    this.localRoot = localRoot;
  }

  static E2eNode start(Map<String, String> settings) {
    return start(settings, HostResolver::system);
  }

  static E2eNode start(Map<String, String> settings, Function<Vertx, HostResolver> resolver) {
    TestImages.requireVips();
    Path root;
    try {
      root = Files.createTempDirectory("imgrid-e2e-local");
      Files.write(root.resolve("test1.png"), TestImages.png(10, 10, false));
      byte[] photo = TestImages.jpeg(800, 600);
      Files.write(root.resolve("photo.jpg"), photo);
      Files.write(root.resolve("big.jpg"), TestImages.jpeg(1200, 1000));
      // a valid header and the start of the scan only: libvips fails to decode it
      Files.write(root.resolve("broken.jpg"), java.util.Arrays.copyOf(photo, photo.length / 3));
      Files.writeString(
          root.resolve("xxe.svg"),
          "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
              + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
              + "<text>&x;</text></svg>");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> env = new HashMap<>();
    env.put("IMGPROXY_BIND", "127.0.0.1:0");
    env.put("IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "true");
    env.put("IMGPROXY_LOCAL_FILESYSTEM_ROOT", root.toString());
    env.put("IMGPROXY_WORKERS", "2");
    env.putAll(settings);
    env.values().removeIf(v -> v == null || v.equals("<unset>"));
    return new E2eNode(Standalone.start(ImgridConfig.load(env), resolver).await(), root);
  }

  String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  HttpResponse<byte[]> get(String path, String... headers) {
    return send("GET", path, headers);
  }

  HttpResponse<byte[]> send(String method, String path, String... headers) {
    try {
      return sendAsync(method, path, headers).get();
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    }
  }

  CompletableFuture<HttpResponse<byte[]>> sendAsync(String method, String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(30))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The metrics listener's text. */
  String metrics() {
    try {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.metricsPort() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String body(HttpResponse<byte[]> r) {
    return new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    node.close();
  }
}
