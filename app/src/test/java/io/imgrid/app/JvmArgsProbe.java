package io.imgrid.app;

import java.lang.management.ManagementFactory;

/**
 * A stand-in main class for {@link JavaOptionsTest}: run by bin/imgrid in the launcher's place, it
 * prints the options the JVM was started with (one per line) and the malloc arena setting the
 * script exported, then exits 0.
 */
public final class JvmArgsProbe {
  private JvmArgsProbe() {}

  public static void main(String[] args) {
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      System.out.println("jvm " + option);
    }
    System.out.println("MALLOC_ARENA_MAX=" + System.getenv("MALLOC_ARENA_MAX"));
    System.out.println("args " + String.join(" ", args));
  }
}
