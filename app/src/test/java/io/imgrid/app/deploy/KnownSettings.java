package io.imgrid.app.deploy;

import io.imgrid.shared.config.ImgridConfig;
import java.util.Set;
import java.util.TreeSet;

/**
 * The environment variable names imgrid reads, against which the deployment files' env names are
 * checked: the registry the code itself builds ({@link ImgridConfig#knownNames()}: every name any
 * config record reads, v3 aliases included), plus the variables only {@code bin/imgrid} reads.
 * A typo in a manifest, or a setting the code dropped, fails the deploy tests.
 */
final class KnownSettings {
  private KnownSettings() {}

  static Set<String> names() {
    Set<String> names = new TreeSet<>(ImgridConfig.knownNames());
    names.add("IMGRID_JAVA_OPTS"); // read by bin/imgrid, not by the JVM
    names.add("IMGRID_CRASH_DIR");
    names.add("IMGRID_RESTART");
    return names;
  }
}
