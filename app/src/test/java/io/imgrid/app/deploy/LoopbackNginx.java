package io.imgrid.app.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A non-daemon nginx (Debian's {@code /usr/sbin/nginx}, package nginx-light) on one loopback port,
 * with everything it writes under a temp prefix: pid, error log, temp folders. The given
 * http-level configuration is included from a wrapper nginx.conf, as .ci/nginx-check.sh does and
 * as the stock nginx.conf includes {@code conf.d/*.conf}. {@link #close()} stops it by its PID.
 */
final class LoopbackNginx implements AutoCloseable {
  static final Path NGINX = Path.of("/usr/sbin/nginx");

  private final Process process;
  private final Path errorLog;

  private LoopbackNginx(Process process, Path errorLog) {
    this.process = process;
    this.errorLog = errorLog;
  }

  /** Fails (never skips) when nginx is not installed. */
  static void requireNginx() {
    if (!Files.isExecutable(NGINX)) {
      throw new AssertionError(NGINX + " is missing: this test runs the shipped nginx configuration;"
          + " install it with: apt-get install -y nginx-light (.ci/run does)");
    }
  }

  /**
   * Starts nginx with {@code httpConf} (http-level directives) and waits until {@code port}
   * accepts connections.
   */
  static LoopbackNginx start(Path prefix, String httpConf, int port) throws IOException, InterruptedException {
    requireNginx();
    Path temp = Files.createDirectories(prefix.resolve("temp"));
    Path errorLog = prefix.resolve("error.log");
    Files.writeString(prefix.resolve("site.conf"), httpConf, StandardCharsets.UTF_8);
    // As root, nginx's workers would run as `nobody`, which cannot enter the 0700 temp folders.
    String user = "root".equals(System.getProperty("user.name")) ? "user root root;\n" : "";
    String main = user
        + "daemon off;\n"
        + "worker_processes 1;\n"
        + "pid " + prefix.resolve("nginx.pid") + ";\n"
        + "error_log " + errorLog + " notice;\n"
        + "events { worker_connections 64; }\n"
        + "http {\n"
        + "    access_log off;\n"
        + "    client_body_temp_path " + temp.resolve("body") + ";\n"
        + "    proxy_temp_path " + temp.resolve("proxy") + ";\n"
        + "    fastcgi_temp_path " + temp.resolve("fastcgi") + ";\n"
        + "    uwsgi_temp_path " + temp.resolve("uwsgi") + ";\n"
        + "    scgi_temp_path " + temp.resolve("scgi") + ";\n"
        + "    include " + prefix.resolve("site.conf") + ";\n"
        + "}\n";
    Path conf = prefix.resolve("nginx.conf");
    Files.writeString(conf, main, StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(List.of(NGINX.toString(), "-p", prefix.toString(), "-e", errorLog.toString(),
        "-c", conf.toString()))
        .redirectErrorStream(true)
        .redirectOutput(prefix.resolve("stdout.log").toFile())
        .start();
    LoopbackNginx nginx = new LoopbackNginx(p, errorLog);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!accepts(port)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        String log = nginx.log() + Files.readString(prefix.resolve("stdout.log"));
        nginx.close();
        throw new AssertionError("nginx did not come up on 127.0.0.1:" + port + "; its log:\n" + log);
      }
      Thread.sleep(50);
    }
    return nginx;
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The error log so far (for failure messages). */
  String log() {
    try {
      return Files.exists(errorLog) ? Files.readString(errorLog) : "";
    } catch (IOException e) {
      return "(error log unreadable: " + e + ")";
    }
  }

  /** SIGTERM to the master (nginx's fast shutdown), SIGKILL after 10 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
