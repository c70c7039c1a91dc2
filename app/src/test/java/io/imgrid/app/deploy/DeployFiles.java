package io.imgrid.app.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the repository's deployment files for the deploy tests: finds the repository root from
 * the test's working directory, and loads YAML (every document of a file, merge keys resolved, as
 * Compose and kubectl resolve them) into plain maps and lists with small typed accessors.
 */
final class DeployFiles {
  private DeployFiles() {}

  /** The repository root: the nearest ancestor holding both docker-compose.yml and bin/imgrid. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml"))
          && Files.isRegularFile(dir.resolve("bin/imgrid"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }

  static String text(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every non-empty document of a YAML file, in order. */
  static List<Map<String, Object>> documents(String relative) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml.loadAll(text(relative))) {
      if (doc != null) {
        docs.add(map(doc));
      }
    }
    return docs;
  }

  /** The single document of a YAML file. */
  static Map<String, Object> document(String relative) {
    List<Map<String, Object>> docs = documents(relative);
    if (docs.size() != 1) {
      throw new AssertionError(relative + ": expected one YAML document, found " + docs.size());
    }
    return docs.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    if (!(value instanceof Map)) {
      throw new AssertionError("expected a mapping, found " + value);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    if (!(value instanceof List)) {
      throw new AssertionError("expected a sequence, found " + value);
    }
    return (List<Object>) value;
  }

  /** Follows a path of mapping keys; fails naming the missing key. */
  static Object at(Map<String, Object> root, String... keys) {
    Object current = root;
    for (String key : keys) {
      Map<String, Object> m = map(current);
      if (!m.containsKey(key)) {
        throw new AssertionError("missing key '" + key + "' in " + m.keySet());
      }
      current = m.get(key);
    }
    return current;
  }

  static Map<String, Object> mapAt(Map<String, Object> root, String... keys) {
    return map(at(root, keys));
  }

  static List<Object> listAt(Map<String, Object> root, String... keys) {
    return list(at(root, keys));
  }

  static String str(Object value) {
    return String.valueOf(Objects.requireNonNull(value, "null value"));
  }
}
