package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of README's {@code bin/imgrid} table, run through the real script with real
 * arguments: its exit code and the shape of its output. {@code standalone} and {@code health}
 * against a running node are in {@link StandaloneLauncherTest}; {@code gateway} and {@code worker}
 * run here as the nodes of {@code grid start}.
 */
@Timeout(300)
class BinImgridCommandsTest {
  /** The commands this class and StandaloneLauncherTest run; README's table must list exactly these. */
  private static final Set<String> COVERED = Set.of("standalone", "gateway", "worker", "grid start",
      "grid stop", "parse", "process", "health", "settings", "version", "help");
  private static final Pattern LINE = Pattern.compile(
      "\\{\"role\":\"(\\w+)\", \"pid\":(\\d+), \"http\":\"127\\.0\\.0\\.1:(\\d+)\", \"metrics\":\"127\\.0\\.0\\.1:(\\d+)\"}");

  @TempDir Path dir;

  @Test
  void readmeTableListsExactlyTheTestedCommands() throws Exception {
    assertThat(readmeCommands()).isEqualTo(new TreeSet<>(COVERED));
  }

  @Test
  void version() throws Exception {
    BinImgrid.Result r = new BinImgrid(dir).run(60, "version");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo("imgrid " + Version.VERSION + "\n").matches("imgrid \\d+\\.\\d+\\.\\d+\n");
    assertThat(BinImgrid.readme()).contains("`imgrid " + Version.VERSION + "`");
  }

  @Test
  void helpNamesEveryCommandAndAnUnknownOneIsAUsageError() throws Exception {
    BinImgrid bin = new BinImgrid(dir);
    for (String[] args : List.of(new String[] {"help"}, new String[] {"--help"}, new String[0])) {
      BinImgrid.Result r = bin.run(30, args);
      assertThat(r.exit()).as(r.toString()).isZero();
      for (String command : COVERED) {
        assertThat(r.out()).as(command).containsPattern("(?m)^  bin/imgrid .*\\b" + command + "\\b");
      }
    }
    BinImgrid.Result unknown = bin.run(30, "nope");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown command 'nope'");
  }

  @Test
  void settingsPrintsTheGeneratedTableThatReadmeCarries() throws Exception {
    BinImgrid.Result r = new BinImgrid(dir).run(60, "settings");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).isEqualTo(SettingsCommand.table()).startsWith("| setting | default |\n");
    assertThat(BinImgrid.readme()).contains(r.out());
  }

  @Test
  void parsePrintsOptionsAsJsonOrTheStatus() throws Exception {
    BinImgrid bin = new BinImgrid(dir);
    BinImgrid.Result ok = bin.run(60, "parse", "/unsafe/rs:fill:300:200/q:70/plain/http://example.com/a.jpg@webp");

    assertThat(ok.exit()).as(ok.toString()).isZero();
    JsonObject json = new JsonObject(ok.out());
    assertThat(json.getString("source")).isEqualTo("http://example.com/a.jpg");
    assertThat(json.getJsonObject("options").getString("rt")).isEqualTo("fill");
    assertThat(json.getJsonObject("options").getString("f")).isEqualTo("webp");
    assertThat(json.getString("job_key")).matches("[0-9a-f]{64}");

    BinImgrid.Result bad = bin.run(60, "parse", "/unsafe/nope:1/plain/http://example.com/a.jpg");
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
    assertThat(new JsonObject(bad.out()).getInteger("status")).isEqualTo(404);
  }

  @Test
  void processWritesTheResultOrTheStatusOnStderr() throws Exception {
    Path in = dir.resolve("in.png");
    ImageIO.write(new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB), "png", in.toFile());
    Path out = dir.resolve("out.webp");
    BinImgrid bin = new BinImgrid(dir);
    BinImgrid.Result ok = bin.run(120, "process", in.toString(), "rs:fill:40:30/q:80@webp", out.toString());

    assertThat(ok.exit()).as(ok.toString()).isZero();
    byte[] bytes = Files.readAllBytes(out);
    assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    assertThat(new String(bytes, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
    assertThat(ok.err()).contains("webp 40x30");

    Path broken = Files.write(dir.resolve("bad.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3});
    BinImgrid.Result bad = bin.run(120, "process", broken.toString(), "-", dir.resolve("o").toString());
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(1);
    assertThat(bad.err()).startsWith("422 ");
  }

  @Test
  void healthFailsWhenNoNodeAnswers() throws Exception {
    BinImgrid.Result r = new BinImgrid(dir).env("IMGPROXY_BIND", "127.0.0.1:" + BinImgrid.freePort())
        .run(60, "health");

    assertThat(r.exit()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).startsWith("imgrid health: http://127.0.0.1:").contains("unreachable");
  }

  @Test
  void gridStartServesThroughTheGatewayAndStopDrainsIt() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    ImageIO.write(new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB), "png", images.resolve("a.png").toFile());
    Path state = dir.resolve("grid");
    BinImgrid bin = new BinImgrid(dir)
        .env("IMGRID_GRID_STATE", state.toString())
        .env("IMGPROXY_LOCAL_FILESYSTEM_ROOT", images.toString())
        .env("IMGPROXY_WORKERS", "1")
        .env("IMGPROXY_GRACEFUL_STOP_TIMEOUT", "2");
    BinImgrid.Result start = bin.run(200, "grid", "start", "-g", "1", "-w", "1");
    List<long[]> nodes = new ArrayList<>(); // role 0 = gateway, 1 = worker; pid; http port
    Matcher m = LINE.matcher(start.out());
    while (m.find()) {
      nodes.add(new long[] {m.group(1).equals("gateway") ? 0 : 1, Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
    }
    try {
      assertThat(start.exit()).as(start.toString()).isZero();
      assertThat(nodes).hasSize(2);
      long[] gateway = nodes.stream().filter(n -> n[0] == 0).findFirst().orElseThrow();
      long[] worker = nodes.stream().filter(n -> n[0] == 1).findFirst().orElseThrow();
      int port = (int) gateway[2];
      assertThat(BinImgrid.status(port, "/health/ready")).isEqualTo(200);
      assertThat(BinImgrid.status(port, "/unsafe/rs:fit:60:60/plain/local:///a.png@jpg")).isEqualTo(200);
      Path crashDir = dir.resolve("crash").toRealPath();
      assertThat(Files.readString(state.resolve("worker-0.log")))
          .contains("imgrid worker: JVM crash file (if any): " + crashDir.resolve("hs_err_pid" + worker[1] + ".log"));
      assertThat(Files.readString(state.resolve("gateway-1.log")))
          .contains("imgrid gateway: JVM crash file (if any): " + crashDir.resolve("hs_err_pid" + gateway[1] + ".log"));

      BinImgrid.Result status = bin.run(30, "grid", "status");
      assertThat(status.exit()).isZero();
      assertThat(LINE.matcher(status.out()).results().count()).isEqualTo(2);

      // a node that died is named by stop, with its crash file (none for a SIGKILL)
      new ProcessBuilder("kill", "-KILL", Long.toString(worker[1])).start().waitFor();
      awaitGone(worker[1]);
      BinImgrid.Result stop = bin.run(120, "grid", "stop");
      assertThat(stop.exit()).as(stop.toString()).isZero();
      assertThat(stop.err()).contains("imgrid grid: worker " + worker[1] + " is not running; crash file: none");
      assertThat(alive(gateway[1])).isFalse();
      assertThat(bin.run(30, "grid", "status").exit()).isEqualTo(2);
    } finally {
      for (long[] node : nodes) {
        ProcessHandle.of(node[1]).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  /** README's bin/imgrid table: each row's commands, e.g. "parse", "grid start". */
  private static Set<String> readmeCommands() throws Exception {
    String readme = BinImgrid.readme();
    int start = readme.indexOf("| command | what it does |");
    assertThat(start).isNotNegative();
    Set<String> commands = new TreeSet<>();
    String[] lines = readme.substring(start).split("\n");
    for (int i = 2; i < lines.length && lines[i].startsWith("|"); i++) {
      Matcher code = Pattern.compile("`([^`]+)`").matcher(lines[i].split("\\|")[1]);
      while (code.find()) {
        String[] words = code.group(1).replaceFirst("^bin/imgrid ", "").split(" ");
        commands.add(words[0].equals("grid") ? "grid " + words[1] : words[0]);
      }
    }
    return commands;
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void awaitGone(long pid) throws InterruptedException {
    for (int i = 0; i < 100 && alive(pid); i++) {
      Thread.sleep(100);
    }
    assertThat(alive(pid)).isFalse();
  }
}
