package io.imgrid.worker.vips;

import io.imgrid.shared.format.ImageFormat;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which formats the linked libvips can load and save, probed once at start (see {@link
 * Vips#capabilities()}). BMP and ICO never appear: they are decoded and encoded in Java. SVG is
 * loadable only (SVG output is passthrough of the sanitised source).
 */
public record FormatSupport(Set<ImageFormat> loadable, Set<ImageFormat> savable) {
  public FormatSupport {
    Objects.requireNonNull(loadable, "loadable == null");
    Objects.requireNonNull(savable, "savable == null");
    loadable = copy(loadable);
    savable = copy(savable);
  }

  public boolean canLoad(ImageFormat format) {
    return loadable.contains(format);
  }

  public boolean canSave(ImageFormat format) {
    return savable.contains(format);
  }

  private static Set<ImageFormat> copy(Set<ImageFormat> formats) {
    EnumSet<ImageFormat> copy = EnumSet.noneOf(ImageFormat.class);
    copy.addAll(formats);
    return Collections.unmodifiableSet(copy);
  }
}
