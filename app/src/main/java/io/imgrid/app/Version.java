package io.imgrid.app;

/** The release this build is. */
final class Version {
  static final String VERSION = "0.1.0";

  private Version() {}
}
