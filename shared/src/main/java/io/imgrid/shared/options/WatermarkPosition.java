package io.imgrid.shared.options;

import java.util.Optional;

/** Where the watermark goes; {@link #REPLICATE} tiles it over the whole image. */
public enum WatermarkPosition {
  CENTER("ce"),
  NORTH("no"),
  SOUTH("so"),
  EAST("ea"),
  WEST("we"),
  NORTH_EAST("noea"),
  NORTH_WEST("nowe"),
  SOUTH_EAST("soea"),
  SOUTH_WEST("sowe"),
  REPLICATE("re");

  private final String urlName;

  WatermarkPosition(String urlName) {
    this.urlName = urlName;
  }

  public String urlName() {
    return urlName;
  }

  public static Optional<WatermarkPosition> byName(String name) {
    for (WatermarkPosition p : values()) {
      if (p.urlName.equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
