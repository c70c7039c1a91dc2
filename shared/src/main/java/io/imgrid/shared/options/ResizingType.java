package io.imgrid.shared.options;

import java.util.Optional;

/** How the source is fitted into the requested box (contract §3.4). */
public enum ResizingType {
  FIT("fit"),
  FILL("fill"),
  FILL_DOWN("fill-down"),
  FORCE("force"),
  AUTO("auto");

  private final String urlName;

  ResizingType(String urlName) {
    this.urlName = urlName;
  }

  public String urlName() {
    return urlName;
  }

  public static Optional<ResizingType> byName(String name) {
    for (ResizingType t : values()) {
      if (t.urlName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
