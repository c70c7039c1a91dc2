package io.imgrid.shared.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Named option lists from {@code IMGPROXY_PRESETS} / {@code IMGPROXY_PRESETS_PATH}, each entry
 * {@code name=opt1/opt2}. Parsing only checks the shape; {@link OptionsParser#validatePresets()}
 * checks that every option applies.
 */
public final class Presets {
  /** Applied first to every request when defined. */
  public static final String DEFAULT = "default";

  public static final Presets NONE = new Presets(Map.of());

  private final Map<String, List<UrlOption>> byName;

  private Presets(Map<String, List<UrlOption>> byName) {
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /**
   * Parses entries as imgproxy does: blank and {@code #} lines are skipped, each other entry
   * needs exactly one {@code =}, a non-empty name and value, and only option segments. Bad
   * entries are reported to {@code problems} and left out; a later entry with the same name wins.
   */
  public static Presets parse(List<String> entries, String separator, List<String> problems) {
    Map<String, List<UrlOption>> out = new LinkedHashMap<>();
    for (String raw : entries) {
      String entry = raw.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      List<String> parts = UrlOption.split(entry, "=");
      if (parts.size() != 2) {
        problems.add("invalid preset string: " + entry);
        continue;
      }
      String name = parts.get(0).strip();
      String value = parts.get(1).strip();
      if (name.isEmpty()) {
        problems.add("empty preset name: " + entry);
        continue;
      }
      if (value.isEmpty()) {
        problems.add("empty preset value: " + entry);
        continue;
      }
      UrlOption.Split split = UrlOption.splitLeading(UrlOption.split(value, "/"), separator);
      if (!split.rest().isEmpty()) {
        problems.add("invalid preset value: " + entry);
        continue;
      }
      out.put(name, split.options());
    }
    return new Presets(out);
  }

  public Optional<List<UrlOption>> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Set<String> names() {
    return byName.keySet();
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Presets && ((Presets) o).byName.equals(byName);
  }

  @Override
  public int hashCode() {
    return byName.hashCode();
  }

  @Override
  public String toString() {
    return "Presets" + byName;
  }
}
