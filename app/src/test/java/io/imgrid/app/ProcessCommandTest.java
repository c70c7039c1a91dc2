package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsBandFormat;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsPngFilter;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/imgrid process}: real files, real parser, real libvips. */
class ProcessCommandTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void init() {
    Vips.init();
  }

  private Path png(int w, int h) throws Exception {
    try (VipsScope scope = new VipsScope()) {
      VipsImage img = VipsOps.cast(VipsOps.linear(VipsOps.black(scope, w, h, 3),
          new double[] {1}, new double[] {10, 20, 30}), VipsBandFormat.UCHAR);
      Path in = dir.resolve("in.png");
      Files.write(in, VipsSave.png(img,
          new VipsSave.Png(VipsPngFilter.NONE, false, false, 8, 100, VipsSave.Keep.NONE)));
      return in;
    }
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void processesWithOptionsAndExtension() throws Exception {
    Path in = png(200, 100);
    Path out = dir.resolve("out.webp");
    int code = ProcessCommand.run(
        new String[] {in.toString(), "rs:fill:40:30/q:80@webp", out.toString()}, Map.of(), err);
    assertThat(code).as(err()).isZero();
    byte[] bytes = Files.readAllBytes(out);
    assertThat(new String(bytes, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
    assertThat(err()).contains("webp 40x30");
  }

  @Test
  void brokenSourceAnswers422OnStderrWithExit1() throws Exception {
    Path in = dir.resolve("bad.jpg");
    Files.write(in, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3, 4, 5});
    int code = ProcessCommand.run(
        new String[] {in.toString(), "-", dir.resolve("o").toString()}, Map.of(), err);
    assertThat(code).isEqualTo(ProcessCommand.CLIENT_ERROR);
    assertThat(err()).startsWith("422 ");
    assertThat(Files.exists(dir.resolve("o"))).isFalse();
  }

  @Test
  void badOptionsAnswer404() throws Exception {
    Path in = png(10, 10);
    int code = ProcessCommand.run(
        new String[] {in.toString(), "nope:1", dir.resolve("o").toString()}, Map.of(), err);
    assertThat(code).isEqualTo(ProcessCommand.CLIENT_ERROR);
    assertThat(err()).startsWith("404 Invalid URL");
  }

  @Test
  void usageInputAndSettingsErrors() throws Exception {
    assertThat(ProcessCommand.run(new String[] {"a"}, Map.of(), err))
        .isEqualTo(ProcessCommand.USAGE);
    assertThat(ProcessCommand.run(new String[] {dir.resolve("missing").toString(), "-", "o"},
        Map.of(), err)).isEqualTo(ProcessCommand.NO_INPUT);
    assertThat(ProcessCommand.run(new String[] {"a", "-", "o"},
        Map.of("IMGPROXY_QUALITY", "abc"), err)).isEqualTo(ProcessCommand.CONFIG);
  }

  @Test
  void envSettingsApply() throws Exception {
    Path in = png(100, 100);
    Path out = dir.resolve("out");
    int code = ProcessCommand.run(new String[] {in.toString(), "pr:small", out.toString()},
        Map.of("IMGPROXY_PRESETS", "small=rs:fit:10:10/f:png"), err);
    assertThat(code).as(err()).isZero();
    assertThat(err()).contains("png 10x10");
  }

  @Test
  void imgproxyTimeoutIsTheJobsDeadlineEvenInsideOneLibvipsEvaluation() throws Exception {
    Path in = png(2400, 2400);
    long start = System.currentTimeMillis();
    // a blur of sigma 80 over 2400x2400 runs for about a minute in the PNG save
    int code = ProcessCommand.run(new String[] {in.toString(), "bl:80/f:png",
        dir.resolve("o").toString()}, Map.of("IMGPROXY_TIMEOUT", "1"), err);
    assertThat(code).as(err()).isEqualTo(ProcessCommand.SERVER_ERROR);
    assertThat(err()).startsWith("503 Timeout");
    assertThat(System.currentTimeMillis() - start).isLessThan(1_000 + 2_000);
    assertThat(Files.exists(dir.resolve("o"))).isFalse();
  }

  @Test
  void imgridsInfoLogsAppearOnlyAtDebugLevel() throws Exception {
    Path in = png(10, 10);
    Logger imgrid = Logger.getLogger("io.imgrid");
    assertThat(ProcessCommand.run(new String[] {in.toString(), "-", dir.resolve("a").toString()},
        Map.of(), err)).isZero();
    assertThat(imgrid.isLoggable(Level.INFO)).isFalse();
    assertThat(imgrid.isLoggable(Level.WARNING)).isTrue();
    assertThat(ProcessCommand.run(new String[] {in.toString(), "-", dir.resolve("b").toString()},
        Map.of("IMGPROXY_LOG_LEVEL", "debug"), err)).isZero();
    assertThat(imgrid.isLoggable(Level.INFO)).isTrue();
    assertThat(err().lines()).allMatch(l -> l.startsWith("png 10x10"));
  }
}
