package io.imgrid.shared.options;

import java.util.Objects;

/** {@code extend} / {@code extend_aspect_ratio}: pad to the target size or aspect ratio. */
public record Extend(boolean enabled, Gravity gravity) {
  public static final Extend NONE = new Extend(false, Gravity.CENTER);

  public Extend {
    Objects.requireNonNull(gravity, "gravity == null");
  }
}
