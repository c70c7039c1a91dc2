package io.imgrid.shared.options;

import java.util.Optional;

/** Anchor for crops, extends and watermarks; {@code sm} and {@code fp} only where allowed. */
public enum GravityType implements UrlNamed {
  NORTH("no"),
  SOUTH("so"),
  EAST("ea"),
  WEST("we"),
  NORTH_EAST("noea"),
  NORTH_WEST("nowe"),
  SOUTH_EAST("soea"),
  SOUTH_WEST("sowe"),
  CENTER("ce"),
  SMART("sm"),
  FOCUS_POINT("fp");

  private final String urlName;

  GravityType(String urlName) {
    this.urlName = urlName;
  }

  @Override
  public String urlName() {
    return urlName;
  }

  public static Optional<GravityType> byName(String name) {
    return UrlNamed.byName(GravityType.class, name);
  }
}
