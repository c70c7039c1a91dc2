package io.imgrid.app.deploy;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A grid started through the shipped scripts, {@code bin/imgrid grid start -g G -w W}, and
 * stopped with {@code bin/imgrid grid stop}. Its state (pids, ports, node logs) lives in a folder
 * of the test's ({@code IMGRID_GRID_STATE}), so it never meets a developer's own run/grid.
 *
 * <p>The jar: tests run before Maven's package phase, so app/target/imgrid.jar may be missing or
 * stale. Rather than let bin/imgrid build it (a nested Maven build), {@link #launcherJar} writes a
 * manifest-only jar whose {@code Class-Path} is the test's own classpath (the reactor's freshly
 * compiled classes and their dependencies) and {@code Main-Class} is the real launcher; bin/imgrid
 * runs it unchanged through {@code IMGRID_JAR} with {@code java -jar}.
 */
final class BinImgridGrid implements AutoCloseable {
  /** One line of {@code grid start}'s output. */
  record Node(String role, long pid, int http, int metrics) {}

  private static final Pattern LINE = Pattern.compile(
      "\\{\"role\":\"(\\w+)\", \"pid\":(\\d+), \"http\":\"127\\.0\\.0\\.1:(\\d+)\", \"metrics\":\"127\\.0\\.0\\.1:(\\d+)\"}");

  private final Path root;
  private final Map<String, String> env;
  private final Path state;
  private final List<Node> nodes;

  private BinImgridGrid(Path root, Map<String, String> env, Path state, List<Node> nodes) {
    this.root = root;
    this.env = env;
    this.state = state;
    this.nodes = nodes;
  }

  /**
   * Runs {@code bin/imgrid grid start}. {@code env} is the whole IMGPROXY_/IMGRID_ environment of
   * the script (the test JVM's own such variables are removed first, so a developer's shell does
   * not leak in). On failure the grid is stopped and the node logs are in the message.
   */
  static BinImgridGrid start(Path root, Map<String, String> env, Path state, int gateways, int workers)
      throws IOException, InterruptedException {
    BinImgridGrid grid = new BinImgridGrid(root, Map.copyOf(env), state, new ArrayList<>());
    Path out = state.resolve("start.out");
    Process p = grid.script(out, "grid", "start", "-g", String.valueOf(gateways), "-w", String.valueOf(workers));
    boolean done = p.waitFor(150, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(out);
    Matcher m = LINE.matcher(output);
    while (m.find()) {
      grid.nodes.add(new Node(m.group(1), Long.parseLong(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4))));
    }
    if (!done || p.exitValue() != 0 || grid.nodes.size() != gateways + workers) {
      String logs = grid.logs();
      grid.close();
      throw new AssertionError("bin/imgrid grid start -g " + gateways + " -w " + workers
          + (done ? " exited " + p.exitValue() : " timed out") + "; its output:\n" + output + logs);
    }
    return grid;
  }

  List<Node> nodes() {
    return List.copyOf(nodes);
  }

  List<Node> gateways() {
    return nodes.stream().filter(n -> n.role().equals("gateway")).collect(Collectors.toList());
  }

  /** Every node log in the state folder (for failure messages). */
  String logs() throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.list(state)) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().collect(Collectors.toList())) {
        List<String> lines = Files.readAllLines(log);
        sb.append("\n--- ").append(log.getFileName()).append(" (last 40 lines)\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      }
    }
    return sb.toString();
  }

  /** {@code bin/imgrid grid stop}: drains gateways, then workers (SIGTERM, KILL after its timeout). */
  @Override
  public void close() throws IOException, InterruptedException {
    Process p = script(state.resolve("stop.out"), "grid", "stop");
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/imgrid grid stop did not return within 90 s");
    }
  }

  private Process script(Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bin/imgrid").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("IMGPROXY_") || k.startsWith("IMGRID_"));
    pb.environment().putAll(env);
    pb.environment().put("IMGRID_GRID_STATE", state.toString());
    return pb.start();
  }

  /** A manifest-only jar: Main-Class io.imgrid.app.Main, Class-Path the test's classpath minus test classes. */
  static Path launcherJar(Path dir) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (!entry.isBlank() && Files.exists(path) && !path.endsWith("test-classes")) {
        urls.add(path.toUri().toString()); // folders end with '/', as Class-Path requires
      }
    }
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(Attributes.Name.MAIN_CLASS, "io.imgrid.app.Main");
    a.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    Path jar = dir.resolve("imgrid-launcher.jar");
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, manifest)) {
      jos.flush();
    }
    return jar;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
