package io.imgrid.shared.options;

import java.util.Optional;

/** Where the watermark goes; {@link #REPLICATE} tiles it over the whole image. */
public enum WatermarkPosition implements UrlNamed {
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

  @Override
  public String urlName() {
    return urlName;
  }

  public static Optional<WatermarkPosition> byName(String name) {
    return UrlNamed.byName(WatermarkPosition.class, name);
  }
}
