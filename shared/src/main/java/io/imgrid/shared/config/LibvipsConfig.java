package io.imgrid.shared.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a worker loads and sets up libvips.
 *
 * <ul>
 *   <li>{@code IMGRID_LIBVIPS_PATH}: a directory holding {@code libvips.so*}, or the library file
 *       itself (e.g. the self-contained build inside npm's {@code @img/sharp-libvips-linux-x64});
 *       the system's {@code libvips.so.42} when unset.
 *   <li>{@code IMGRID_LIBVIPS_VECTOR}: libvips' SIMD vector paths ({@code
 *       vips_vector_set_enabled}). {@code auto} (the default) turns them off on a libvips older
 *       than 8.15, whose vector paths are orc programs: orc's code allocator is not thread-safe
 *       and crashes a process that runs libvips on several threads (issue 11; proof in {@code
 *       bench/native-repro.sh}); from 8.15 on (highway, no orc) it leaves libvips' own default.
 *       {@code true} forces them on, {@code false} off.
 * </ul>
 *
 * <p>Only worker and standalone roles use it; a gateway never loads libvips, so a missing path is
 * checked when a worker starts, not here.
 */
public record LibvipsConfig(Optional<Path> path, Vectors vectors) {
  /** The setting that turns libvips' vector paths on or off. */
  public static final String VECTOR_SETTING = "IMGRID_LIBVIPS_VECTOR";

  /** The value of {@code IMGRID_LIBVIPS_VECTOR}. */
  public enum Vectors {
    /** Off below libvips 8.15 (orc), libvips' own default from 8.15 on. */
    AUTO,
    /** On whatever the version: opts back in to orc on 8.14 and older. */
    ON,
    /** Off whatever the version. */
    OFF
  }

  /** The system's libvips with the default vector policy. */
  public static final LibvipsConfig DEFAULT = new LibvipsConfig(Optional.empty(), Vectors.AUTO);

  public LibvipsConfig {
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(vectors, "vectors == null");
  }

  public static LibvipsConfig from(Env env) {
    String raw = env.raw("IMGRID_LIBVIPS_PATH");
    Optional<Path> path = raw == null ? Optional.empty() : Optional.of(Path.of(raw));
    return new LibvipsConfig(path, vectors(env));
  }

  private static Vectors vectors(Env env) {
    String v = env.string(VECTOR_SETTING, "auto");
    switch (v.toLowerCase(Locale.ROOT)) {
      case "auto":
        return Vectors.AUTO;
      case "1", "t", "true":
        return Vectors.ON;
      case "0", "f", "false":
        return Vectors.OFF;
      default:
        env.problem(VECTOR_SETTING, "must be auto, true or false, got '" + v + "'");
        return Vectors.AUTO;
    }
  }

  /** Whether the configured location exists (always true for the system library). */
  public boolean present() {
    return path.map(Files::exists).orElse(true);
  }
}
