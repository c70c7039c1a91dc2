package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/imgrid standalone} under its launcher, for real: the script starts the JVM on a free
 * port; a native crash of that JVM ({@code kill -SEGV}: HotSpot writes its hs_err file and aborts,
 * as on a crash in libvips) is logged with the crash file's path and the node is started again and
 * serves; a second crash ({@code SIGKILL}, no crash file) waits twice as long; SIGTERM to the
 * launcher drains the JVM and ends both without a restart; {@code bin/imgrid health} follows it.
 * A configuration error is not restarted.
 */
@Timeout(240)
class StandaloneLauncherTest {
  @TempDir Path dir;

  @Test
  void restartsAfterANativeCrashNamesTheCrashFileAndStopsOnSigterm() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 4, 0xff8800);
    ImageIO.write(img, "png", images.resolve("a.png").toFile());
    int port = BinImgrid.freePort();
    BinImgrid bin = new BinImgrid(dir)
        .env("IMGPROXY_BIND", "127.0.0.1:" + port)
        .env("IMGPROXY_LOCAL_FILESYSTEM_ROOT", images.toString())
        .env("IMGPROXY_WORKERS", "1")
        .env("IMGPROXY_GRACEFUL_STOP_TIMEOUT", "2");
    Path crashDir = dir.resolve("crash");
    Path log = dir.resolve("standalone.log");
    String image = "/unsafe/rs:fit:32:32/plain/local:///a.png@webp";
    Process launcher = bin.start(log, "standalone");
    try {
      long first = awaitServing(launcher, port, -1, log);
      assertThat(BinImgrid.status(port, image)).isEqualTo(200);
      assertThat(Files.readString(log))
          .contains("JVM crash file (if any): " + crashDir.toRealPath().resolve("hs_err_pid" + first + ".log"));
      assertThat(bin.run(60, "health").exit()).isZero();

      signal("SEGV", first);
      Path crashFile = crashDir.toRealPath().resolve("hs_err_pid" + first + ".log");
      long second = awaitServing(launcher, port, first, log);
      String text = Files.readString(log);
      assertThat(text).contains("imgrid: the JVM (pid " + first + ") crashed: fatal error (exit 134); crash file: " + crashFile);
      assertThat(text).contains("imgrid: restarting standalone in 1 s (crash 1 in a row)");
      assertThat(crashFile).isRegularFile();
      assertThat(Files.readString(crashFile)).contains("SIGSEGV");
      assertThat(BinImgrid.status(port, image)).isEqualTo(200);

      signal("KILL", second);
      long third = awaitServing(launcher, port, second, log);
      text = Files.readString(log);
      assertThat(text).contains("imgrid: the JVM (pid " + second + ") crashed: killed by SIGKILL (exit 137); crash file: none written");
      assertThat(text).contains("imgrid: restarting standalone in 2 s (crash 2 in a row)");
      assertThat(BinImgrid.status(port, image)).isEqualTo(200);

      launcher.destroy(); // SIGTERM to the launcher, forwarded to the JVM
      assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
      assertThat(launcher.exitValue()).isEqualTo(143);
      text = Files.readString(log);
      assertThat(text).contains("imgrid standalone: stopped");
      assertThat(text).doesNotContain("crash 3 in a row").doesNotContain("pid " + third + ") crashed");
      assertThat(ProcessHandle.of(third).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
      assertThat(BinImgrid.status(port, "/health")).isEqualTo(-1);
      BinImgrid.Result health = bin.run(60, "health");
      assertThat(health.exit()).isEqualTo(1);
      assertThat(health.err()).contains("unreachable");
    } finally {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly();
    }
  }

  @Test
  void aConfigurationErrorIsNotRestarted() throws Exception {
    BinImgrid bin = new BinImgrid(dir)
        .env("IMGPROXY_BIND", "127.0.0.1:" + BinImgrid.freePort())
        .env("IMGPROXY_QUALITY", "abc");
    BinImgrid.Result r = bin.run(90, "standalone");

    assertThat(r.exit()).as(r.toString()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(r.err()).contains("IMGPROXY_QUALITY").doesNotContain("restarting");
  }

  /** Waits until the launcher runs a JVM other than {@code previous} and it answers /health. */
  private static long awaitServing(Process launcher, int port, long previous, Path log) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < end) {
      assertThat(launcher.isAlive()).as("the launcher died:\n" + Files.readString(log)).isTrue();
      Optional<ProcessHandle> jvm = launcher.children()
          .filter(c -> c.info().command().map(cmd -> cmd.endsWith("/java")).orElse(false))
          .findFirst();
      if (jvm.isPresent() && jvm.get().pid() != previous && BinImgrid.status(port, "/health") == 200) {
        return jvm.get().pid();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no serving JVM after pid " + previous + ":\n" + Files.readString(log));
  }

  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }
}
