package io.imgrid.shared.options;

import java.util.Optional;

/** An option value spelled in URLs by a short name ({@code fill}, {@code noea}, {@code re}). */
public interface UrlNamed {
  /** The name used in URLs. */
  String urlName();

  /** The constant of {@code type} spelled {@code name} in URLs, if any. */
  static <E extends Enum<E> & UrlNamed> Optional<E> byName(Class<E> type, String name) {
    for (E constant : type.getEnumConstants()) {
      if (constant.urlName().equals(name)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
