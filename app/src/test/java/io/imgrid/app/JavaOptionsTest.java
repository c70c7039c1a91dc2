package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's JVM options are bin/imgrid's real ones: every command of README's options table runs
 * through the real script with {@link JvmArgsProbe} as the main class, and the options the JVM
 * reports it was started with must be exactly the table's (crash options first); the table lists
 * exactly the commands the script starts a JVM for; {@code IMGRID_JAVA_OPTS} replaces the
 * per-command ones; every {@code IMGRID_*} variable the script reads is named in README.
 */
class JavaOptionsTest {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @TempDir Path dir;

  @Test
  void everyCommandRunsWithTheOptionsReadmeStates() throws Exception {
    Map<String, List<String>> table = readmeTable();
    List<String> crash = table.remove("*");
    BinImgrid bin = new BinImgrid(dir, JvmArgsProbe.class.getName());
    String crashDir = dir.toRealPath().resolve("crash").toString();
    List<String> crashOptions = new ArrayList<>();
    for (String option : crash) {
      crashOptions.add(option.replace("CRASH_DIR", crashDir));
    }
    for (Map.Entry<String, List<String>> row : table.entrySet()) {
      BinImgrid.Result r = bin.run(120, row.getKey());
      assertThat(r.exit()).as(row.getKey() + ": " + r).isZero();
      List<String> expected = new ArrayList<>(crashOptions);
      expected.addAll(row.getValue());
      assertThat(jvmOptions(r.out())).as("bin/imgrid " + row.getKey()).containsExactlyElementsOf(expected);
      assertThat(r.out()).as(row.getKey()).contains("MALLOC_ARENA_MAX=2").contains("args " + row.getKey());
    }
  }

  @Test
  void readmeListsExactlyTheCommandsTheScriptStartsAJvmFor() throws Exception {
    String script = Files.readString(BinImgrid.repositoryRoot().resolve("bin/imgrid"));
    Matcher m = Pattern.compile("(?m)^  ([a-z|]+)\\)\\n    build_jar").matcher(script);
    Set<String> inScript = new TreeSet<>();
    while (m.find()) {
      inScript.addAll(Arrays.asList(m.group(1).split("\\|")));
    }
    assertThat(inScript).contains("standalone", "gateway", "settings");
    Map<String, List<String>> table = readmeTable();
    table.remove("*");
    assertThat(new TreeSet<>(table.keySet())).isEqualTo(inScript);
  }

  @Test
  void imgridJavaOptsReplacesThePerCommandOptions() throws Exception {
    BinImgrid bin = new BinImgrid(dir, JvmArgsProbe.class.getName())
        .env("IMGRID_JAVA_OPTS", "-Xmx100m -XX:+UseSerialGC");
    BinImgrid.Result r = bin.run(120, "version");

    assertThat(r.exit()).as(r.toString()).isZero();
    String crashDir = dir.toRealPath().resolve("crash").toString();
    assertThat(jvmOptions(r.out())).containsExactly("-XX:ErrorFile=" + crashDir + "/hs_err_pid%p.log",
        "-XX:ReplayDataFile=" + crashDir + "/replay_pid%p.log", "-Xmx100m", "-XX:+UseSerialGC");
  }

  @Test
  void anUnwritableCrashDirStopsTheScript() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    BinImgrid bin = new BinImgrid(dir, JvmArgsProbe.class.getName())
        .env("IMGRID_CRASH_DIR", file.resolve("crash").toString());
    BinImgrid.Result r = bin.run(60, "version");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).contains("IMGRID_CRASH_DIR: cannot write");
    assertThat(r.out()).doesNotContain("jvm ");
  }

  @Test
  void everyImgridVariableTheScriptReadsIsInReadme() throws Exception {
    String script = Files.readString(BinImgrid.repositoryRoot().resolve("bin/imgrid"));
    Matcher m = Pattern.compile("\\$\\{(IMGRID_[A-Z_]+)").matcher(script);
    Set<String> read = new TreeSet<>();
    while (m.find()) {
      read.add(m.group(1));
    }
    assertThat(read).contains("IMGRID_JAVA_OPTS", "IMGRID_CRASH_DIR", "IMGRID_RESTART");
    String readme = BinImgrid.readme();
    for (String name : read) {
      assertThat(readme).as(name).contains("`" + name + "`");
    }
  }

  private static List<String> jvmOptions(String probeOutput) {
    List<String> options = new ArrayList<>();
    for (String line : probeOutput.split("\n")) {
      if (line.startsWith("jvm ")) {
        options.add(line.substring(4));
      }
    }
    return options;
  }

  /**
   * README's JVM options table: command → options; the row for every command (its crash
   * options, with the placeholder CRASH_DIR) under the key "*".
   */
  static Map<String, List<String>> readmeTable() throws Exception {
    String readme = BinImgrid.readme();
    int start = readme.indexOf("| commands | JVM options |");
    assertThat(start).as("README's JVM options table").isNotNegative();
    Map<String, List<String>> table = new LinkedHashMap<>();
    String[] lines = readme.substring(start).split("\n");
    for (int i = 2; i < lines.length && lines[i].startsWith("|"); i++) {
      String[] cells = lines[i].split("\\|");
      Matcher options = CODE.matcher(cells[2]);
      assertThat(options.find()).as(lines[i]).isTrue();
      List<String> values = List.of(options.group(1).split(" "));
      if (cells[1].contains("every command")) {
        table.put("*", values);
        continue;
      }
      Matcher commands = CODE.matcher(cells[1]);
      while (commands.find()) {
        table.put(commands.group(1), values);
      }
    }
    assertThat(table).containsKey("*");
    return table;
  }
}
