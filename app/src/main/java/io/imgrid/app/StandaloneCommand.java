package io.imgrid.app;

import io.imgrid.gateway.log.LogSetup;
import io.imgrid.shared.config.ImgridConfig;
import io.imgrid.shared.config.ServerConfig;
import io.imgrid.worker.vips.Vips;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/imgrid standalone}: gateway and worker in one JVM on a local event bus. With no
 * settings it serves unsigned URLs on :8080 and, when {@code IMGPROXY_LOCAL_FILESYSTEM_ROOT} is
 * unset, {@code local://} from a folder of generated samples ({@link SampleImages}). SIGTERM
 * (and Ctrl-C) stops it gracefully.
 */
final class StandaloneCommand {
  private StandaloneCommand() {}

  static int run(Map<String, String> env, PrintStream out, PrintStream err) {
    // every setting is validated (and the log set up) before libvips starts, which logs its setup
    ImgridConfig given = ImgridConfig.load(env);
    LogSetup.configure(given.server().logFormat(), given.server().logLevel());
    Vips.init(given.libvips());
    Map<String, String> vars = new HashMap<>(env);
    if (!vars.containsKey("IMGPROXY_LOCAL_FILESYSTEM_ROOT")) {
      Path tmp = Path.of(vars.getOrDefault("TMPDIR", System.getProperty("java.io.tmpdir")));
      try {
        Path samples = SampleImages.generate(tmp.resolve("imgrid-samples"));
        vars.put("IMGPROXY_LOCAL_FILESYSTEM_ROOT", samples.toString());
        out.println("imgrid: local:// serves generated samples from " + samples);
      } catch (IOException e) {
        err.println("imgrid: cannot write sample images: " + e.getMessage());
      }
    }
    ImgridConfig config = ImgridConfig.load(vars);
    ServerConfig server = config.server();
    config.warnings().forEach(w -> err.println("imgrid: warning: " + w));
    RunningNode node;
    try {
      node = Standalone.start(config).await();
    } catch (RuntimeException e) {
      err.println("imgrid: cannot start: " + e.getMessage());
      return 1;
    }
    out.println(
        "imgrid standalone: http " + server.bind().host() + ":" + node.httpPort()
            + (node.metricsPort() >= 0 ? ", metrics port " + node.metricsPort() : "")
            + ", " + server.workers() + " workers, libvips " + Vips.version());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                    out.println("imgrid standalone: stopped");
                  } catch (RuntimeException e) {
                    err.println("imgrid: stop: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "imgrid-stop"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
