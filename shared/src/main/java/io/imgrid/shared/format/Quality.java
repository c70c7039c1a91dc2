package io.imgrid.shared.format;

import io.imgrid.shared.options.ProcessingOptions;

/** The quality a saver uses (contract §4.3). */
public final class Quality {
  private Quality() {}

  /**
   * The {@code quality} option when > 0, else the {@code format_quality} option for the format
   * when > 0, else {@code IMGPROXY_FORMAT_QUALITY} for it, else {@code IMGPROXY_QUALITY}.
   */
  public static int resolve(ProcessingOptions o, ImageFormat format, FormatConfig cfg) {
    if (o.quality() > 0) {
      return o.quality();
    }
    Integer fromUrl = o.formatQuality().get(format);
    if (fromUrl != null && fromUrl > 0) {
      return fromUrl;
    }
    Integer fromConfig = cfg.formatQuality().get(format);
    if (fromConfig != null && fromConfig > 0) {
      return fromConfig;
    }
    return cfg.quality();
  }
}
