package io.imgrid.shared.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code name:arg:arg} path segment, split on the arguments separator. Empty arguments are
 * kept: {@code rs:fill::300} means "width unchanged".
 */
public record UrlOption(String name, List<String> args) {
  public UrlOption {
    Objects.requireNonNull(name, "name == null");
    args = List.copyOf(args);
  }

  /** Leading option segments and the segments that follow them (the source URL). */
  public record Split(List<UrlOption> options, List<String> rest) {
    public Split {
      options = List.copyOf(options);
      rest = List.copyOf(rest);
    }
  }

  /**
   * Consumes segments while each contains the separator; the first one without it starts the
   * source URL (contract §1 step 6).
   */
  public static Split splitLeading(List<String> segments, String separator) {
    List<UrlOption> options = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      List<String> parts = split(segments.get(i), separator);
      if (parts.size() == 1) {
        return new Split(options, segments.subList(i, segments.size()));
      }
      options.add(new UrlOption(parts.get(0), parts.subList(1, parts.size())));
    }
    return new Split(options, List.of());
  }

  /** Go's strings.Split: literal separator, empty parts kept, never an empty result. */
  public static List<String> split(String s, String separator) {
    if (separator.isEmpty()) {
      throw new IllegalArgumentException("separator is empty");
    }
    List<String> out = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = s.indexOf(separator, from)) >= 0) {
      out.add(s.substring(from, at));
      from = at + separator.length();
    }
    out.add(s.substring(from));
    return out;
  }
}
