package io.imgrid.shared.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Typed reads of {@code IMGPROXY_*} / {@code IMGRID_*} variables that never throw: a bad value is
 * recorded and the default returned, so a whole configuration is read in one pass and
 * {@link #validate()} reports every problem together. Nothing falls back silently: a recorded
 * problem stops startup.
 *
 * <p>Every name read is remembered ({@link #namesRead()}), which is how tests check that deploy
 * files only set variables imgrid knows.
 */
public final class Env {
  private final Map<String, String> vars;
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Set<String> namesRead = new TreeSet<>();
  private final Map<String, String> defaults = new TreeMap<>();
  private final Map<String, String> aliases = new TreeMap<>();

  private Env(Map<String, String> vars) {
    this.vars = new LinkedHashMap<>(vars);
  }

  public static Env of(Map<String, String> vars) {
    return new Env(vars);
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  /**
   * Reads {@code v3Name} as a deprecated alias of {@code name}: when only the old name is set its
   * value is used, with a warning.
   */
  public void alias(String name, String v3Name) {
    namesRead.add(v3Name);
    aliases.put(v3Name, name);
    String old = raw(v3Name);
    if (old != null && raw(name) == null) {
      warnings.add(v3Name + " is deprecated, use " + name);
      vars.put(name, old);
    }
  }

  /** The trimmed value, or null when unset or blank. */
  public String raw(String name) {
    namesRead.add(name);
    String v = vars.get(name);
    if (v == null) {
      return null;
    }
    v = v.trim();
    return v.isEmpty() ? null : v;
  }

  /**
   * The trimmed value with blank kept: for settings where an empty value means "off" (imgproxy
   * reads these with {@code os.LookupEnv}); {@code def} only when the variable is unset.
   */
  public String stringAllowBlank(String name, String def) {
    defaults.putIfAbsent(name, String.valueOf(def));
    namesRead.add(name);
    String v = vars.get(name);
    return v == null ? def : v.trim();
  }

  /**
   * Every variable whose name starts with {@code prefix}, for settings handed on whole to a
   * library's own configuration (the OpenTelemetry SDK's {@code OTEL_*}).
   */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> out = new TreeMap<>();
    vars.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k, v);
      }
    });
    return out;
  }

  public boolean isSet(String name) {
    return raw(name) != null;
  }

  public String string(String name, String def) {
    defaults.putIfAbsent(name, String.valueOf(def));
    String v = raw(name);
    return v == null ? def : v;
  }

  /** Booleans as Go's strconv.ParseBool reads them; anything else is a problem. */
  public boolean bool(String name, boolean def) {
    defaults.putIfAbsent(name, String.valueOf(def));
    String v = raw(name);
    if (v == null) {
      return def;
    }
    switch (v) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      case "0", "f", "F", "FALSE", "false", "False":
        return false;
      default:
        problem(name, "must be a boolean, got '" + v + "'");
        return def;
    }
  }

  public int integer(String name, int def, int min, int max) {
    return (int) longValue(name, def, min, max);
  }

  public long longValue(String name, long def, long min, long max) {
    defaults.putIfAbsent(name, String.valueOf(def));
    String v = raw(name);
    if (v == null) {
      return def;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) {
        problem(name, "must be in " + min + ".." + max + ", got " + n);
        return def;
      }
      return n;
    } catch (NumberFormatException e) {
      problem(name, "must be an integer, got '" + v + "'");
      return def;
    }
  }

  public double decimal(String name, double def, double min, double max) {
    defaults.putIfAbsent(name, String.valueOf(def));
    String v = raw(name);
    if (v == null) {
      return def;
    }
    try {
      double n = Double.parseDouble(v);
      if (!(n >= min && n <= max)) {
        problem(name, "must be in " + min + ".." + max + ", got " + v);
        return def;
      }
      return n;
    } catch (NumberFormatException e) {
      problem(name, "must be a number, got '" + v + "'");
      return def;
    }
  }

  /** A whole number of seconds, as imgproxy's timeouts are written. */
  public Duration seconds(String name, Duration def) {
    defaults.putIfAbsent(name, String.valueOf(def.toSeconds()));
    long s = longValue(name, def.toSeconds(), 0, Integer.MAX_VALUE);
    return Duration.ofSeconds(s);
  }

  /** A separator-delimited list, entries trimmed, blanks dropped. */
  public List<String> list(String name, String separator) {
    String v = raw(name);
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : v.split(java.util.regex.Pattern.quote(separator), -1)) {
      String p = part.trim();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /** A comma list of hex strings (keys and salts). */
  public List<byte[]> hexList(String name) {
    List<byte[]> out = new ArrayList<>();
    for (String hex : list(name, ",")) {
      try {
        out.add(HexFormat.of().parseHex(hex));
      } catch (IllegalArgumentException e) {
        problem(name, "must be a comma list of hex strings");
        return List.of();
      }
    }
    return List.copyOf(out);
  }

  /** Records a problem found while validating a setting. */
  public void problem(String name, String message) {
    problems.add(name + " " + message);
  }

  public void warn(String message) {
    warnings.add(message);
  }

  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  public Set<String> namesRead() {
    return Collections.unmodifiableSet(namesRead);
  }

  /** The default each typed read used, by name, for the settings table ("null" for none). */
  public Map<String, String> defaultsRead() {
    return Collections.unmodifiableMap(defaults);
  }

  /** Deprecated v3 names read as aliases, mapped to the name they stand for. */
  public Map<String, String> aliasesRead() {
    return Collections.unmodifiableMap(aliases);
  }

  /** Throws a {@link ConfigException} listing every problem recorded so far, if any. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
