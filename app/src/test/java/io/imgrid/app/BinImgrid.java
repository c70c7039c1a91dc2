package io.imgrid.app;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Runs the shipped script, {@code bin/imgrid}, as a user would: a real bash process with its own
 * environment (the test JVM's {@code IMGPROXY_*} / {@code IMGRID_*} variables removed first, so a
 * developer's shell does not leak in).
 *
 * <p>The jar: tests run before Maven's package phase, so app/target/imgrid.jar may be missing or
 * stale, and bin/imgrid would build it (a nested Maven build). {@link #launcherJar} instead writes
 * a manifest-only jar whose {@code Class-Path} is the test's classpath and whose {@code
 * Main-Class} is the given class; the script runs it unchanged through {@code IMGRID_JAR}.
 */
final class BinImgrid {
  /** A finished run: exit code, stdout and stderr. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  final Path root = repositoryRoot();
  private final Path work;
  private final Map<String, String> env = new HashMap<>();
  private int runs;

  /** A runner whose scratch files (jar, outputs) go to {@code work}. */
  BinImgrid(Path work) throws IOException {
    this(work, Main.class.getName());
  }

  /** A runner of a launcher jar whose main class is {@code mainClass}. */
  BinImgrid(Path work, String mainClass) throws IOException {
    this.work = work;
    env.put("IMGRID_JAR", launcherJar(work, mainClass).toString());
    env.put("IMGRID_CRASH_DIR", work.resolve("crash").toString());
  }

  /** Sets (or with {@code null} removes) one variable of the script's environment. */
  BinImgrid env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** Runs {@code bin/imgrid ARGS...} to its end (at most {@code seconds}). */
  Result run(int seconds, String... args) throws IOException, InterruptedException {
    int n = ++runs;
    Path out = work.resolve("run-" + n + ".out");
    Path err = work.resolve("run-" + n + ".err");
    Process p = builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("bin/imgrid " + String.join(" ", args) + " did not end within "
          + seconds + " s; stderr:\n" + Files.readString(err));
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Starts {@code bin/imgrid ARGS...} in the background, stdout and stderr into {@code log}. */
  Process start(Path log, String... args) throws IOException {
    return builder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(root.resolve("bin/imgrid").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("IMGPROXY_") || k.startsWith("IMGRID_"));
    pb.environment().putAll(env);
    return pb;
  }

  /** The repository root: the nearest ancestor of the working directory holding bin/imgrid. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("bin/imgrid")) && Files.isRegularFile(dir.resolve("README.md"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no bin/imgrid above " + Path.of("").toAbsolutePath());
  }

  static String readme() throws IOException {
    return Files.readString(repositoryRoot().resolve("README.md"), StandardCharsets.UTF_8);
  }

  /**
   * A manifest-only jar: that Main-Class, Class-Path the test's classpath; the test classes only
   * when the main class is one of them (the real launcher runs on the product's classes alone).
   */
  static Path launcherJar(Path dir, String mainClass) throws IOException {
    boolean product = mainClass.equals(Main.class.getName());
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> urls = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (!entry.isBlank() && Files.exists(path) && !(product && path.endsWith("test-classes"))) {
        urls.add(path.toUri().toString()); // folders end with '/', as Class-Path requires
      }
    }
    Manifest manifest = new Manifest();
    Attributes a = manifest.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(Attributes.Name.MAIN_CLASS, mainClass);
    a.put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
    Path jar = dir.resolve("launcher-" + mainClass.substring(mainClass.lastIndexOf('.') + 1) + ".jar");
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os, manifest)) {
      jos.flush();
    }
    return jar;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The status of GET {@code http://127.0.0.1:port/path}, or -1 when nothing answers. */
  static int status(int port, String path) {
    try {
      return HttpClient.newHttpClient().send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
