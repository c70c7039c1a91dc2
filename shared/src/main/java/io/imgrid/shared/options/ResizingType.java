package io.imgrid.shared.options;

import java.util.Optional;

/** How the source is fitted into the requested box (contract §3.4). */
public enum ResizingType implements UrlNamed {
  FIT("fit"),
  FILL("fill"),
  FILL_DOWN("fill-down"),
  FORCE("force"),
  AUTO("auto");

  private final String urlName;

  ResizingType(String urlName) {
    this.urlName = urlName;
  }

  @Override
  public String urlName() {
    return urlName;
  }

  public static Optional<ResizingType> byName(String name) {
    return UrlNamed.byName(ResizingType.class, name);
  }
}
