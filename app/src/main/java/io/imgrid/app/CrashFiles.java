package io.imgrid.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Where this JVM writes its fatal-error file (HotSpot's {@code hs_err_pid<pid>.log}) if libvips
 * or the JVM itself crashes: the {@code -XX:ErrorFile} that {@code bin/imgrid} sets from {@code
 * IMGRID_CRASH_DIR}, or the working directory when the JVM was started without it. Every node logs
 * it at start, so a crash file is never looked for in the wrong place.
 */
final class CrashFiles {
  private CrashFiles() {}

  /** One log line naming this JVM's crash file. */
  static String describe() {
    long pid = ProcessHandle.current().pid();
    String pattern = errorFileOption();
    if (pattern == null || pattern.isEmpty()) {
      Path cwd = Path.of("").toAbsolutePath();
      return "JVM crash file (if any): " + cwd.resolve("hs_err_pid" + pid + ".log")
          + " (the working directory: no -XX:ErrorFile; bin/imgrid sets it from IMGRID_CRASH_DIR)";
    }
    return "JVM crash file (if any): " + pattern.replace("%p", Long.toString(pid));
  }

  private static String errorFileOption() {
    try {
      HotSpotDiagnosticMXBean bean =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      VMOption option = bean == null ? null : bean.getVMOption("ErrorFile");
      return option == null ? null : option.getValue();
    } catch (RuntimeException e) {
      return null; // not HotSpot: nothing to tell
    }
  }
}
