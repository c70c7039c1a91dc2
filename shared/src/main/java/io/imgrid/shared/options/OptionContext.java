package io.imgrid.shared.options;

import java.time.Clock;
import java.util.List;

/** What an option applier may need beyond its arguments: time, a setting, and presets. */
interface OptionContext {
  Clock clock();

  boolean allowSecurityOptions();

  /** {@code preset:a:b}: applies the named presets in place, skipping recursive use. */
  void applyPresets(ProcessingOptions.Builder builder, List<String> names);
}
