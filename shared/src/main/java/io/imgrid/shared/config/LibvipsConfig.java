package io.imgrid.shared.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a worker loads libvips from: {@code IMGRID_LIBVIPS_PATH} (a directory holding {@code
 * libvips.so*}, or the library file itself, e.g. the self-contained build inside npm's {@code
 * @img/sharp-libvips-linux-x64}), or the system's {@code libvips.so.42} when unset. Only worker
 * and standalone roles use it; a gateway never loads libvips, so a missing path is checked when a
 * worker starts, not here.
 */
public record LibvipsConfig(Optional<Path> path) {
  public LibvipsConfig {
    Objects.requireNonNull(path, "path == null");
  }

  public static LibvipsConfig from(Env env) {
    String raw = env.raw("IMGRID_LIBVIPS_PATH");
    if (raw == null) {
      return new LibvipsConfig(Optional.empty());
    }
    return new LibvipsConfig(Optional.of(Path.of(raw)));
  }

  /** Whether the configured location exists (always true for the system library). */
  public boolean present() {
    return path.map(Files::exists).orElse(true);
  }
}
