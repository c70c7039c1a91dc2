package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Native memory does not leak over 2,000 mixed jobs: {@link LeakRun} in a forked JVM with a fixed
 * 256 MB heap and {@code MALLOC_ARENA_MAX=2} (the deployment's settings), 200 warm-up jobs, then
 * 2,000 jobs on two threads. libvips' tracked memory and allocations must be back at their
 * post-warm-up level (zero: the cache is off and every job's scope frees its images), and the
 * process RSS at the end within {@link #RSS_ALLOWANCE_KB} of the RSS after warm-up.
 *
 * <p>The heap is pre-touched ({@code -XX:+AlwaysPreTouch}) so RSS growth can only come from
 * native memory (libvips, GLib, JNA, codecs), not from the JVM touching more of its fixed heap.
 */
class LeakTest {
  private static final int WARMUP = 200;
  private static final int JOBS = 2000;
  /**
   * How far RSS may rise over the jobs: the allocator's own plateau, which does not grow with
   * the job count (libvips 8.18.7 from npm: +7 and +39 MB after 2,000 jobs, +40 MB after 6,000,
   * +6 MB after 14,000; Debian's 8.14: +0.5 to +17 MB). A native leak of 32 KB or more per job
   * exceeds it; leaked images are caught by the tracked-memory checks above long before.
   */
  private static final long RSS_ALLOWANCE_KB = 64 * 1024;

  @Test
  void nativeMemoryReturnsAfterTwoThousandJobs() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+UseSerialGC",
        "-XX:+AlwaysPreTouch", "-cp", System.getProperty("java.class.path"),
        LeakRun.class.getName(), String.valueOf(WARMUP), String.valueOf(JOBS));
    pb.environment().put("MALLOC_ARENA_MAX", "2");
    pb.environment().put("VIPS_WARNING", "0");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] bytes = p.getInputStream().readAllBytes();
    boolean done = p.waitFor(30, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String output = new String(bytes, StandardCharsets.UTF_8);
    System.out.println(output);

    assertThat(done).as("forked LeakRun finished").isTrue();
    assertThat(p.exitValue()).as("forked LeakRun exit status; its output:%n%s", output)
        .isZero();
    Map<String, Long> warm = phase(output, "warm");
    Map<String, Long> end = phase(output, "end");
    assertThat(end.get("tracked_mem")).as("libvips tracked bytes after the jobs")
        .isLessThanOrEqualTo(warm.get("tracked_mem")).isZero();
    assertThat(end.get("tracked_allocs")).as("libvips tracked allocations after the jobs")
        .isLessThanOrEqualTo(warm.get("tracked_allocs")).isZero();
    assertThat(end.get("tracked_files")).as("files libvips holds open").isZero();
    assertThat(end.get("rss_kb")).as("RSS after %d jobs vs %d kB after warm-up", JOBS,
        warm.get("rss_kb")).isLessThanOrEqualTo(warm.get("rss_kb") + RSS_ALLOWANCE_KB);
  }

  /** The key=value numbers of one {@code LEAK phase=NAME} line. */
  private static Map<String, Long> phase(String output, String name) {
    for (String line : output.split("\n")) {
      if (line.startsWith("LEAK phase=" + name + " ")) {
        Map<String, Long> values = new HashMap<>();
        for (String kv : List.of(line.trim().split(" "))) {
          String[] parts = kv.split("=");
          if (parts.length == 2 && parts[1].matches("\\d+")) {
            values.put(parts[0], Long.parseLong(parts[1]));
          }
        }
        return values;
      }
    }
    throw new AssertionError("no 'LEAK phase=" + name + "' line in:\n" + output);
  }
}
