package io.imgrid.shared.format;

import java.util.Locale;
import java.util.Optional;

/**
 * The formats imgproxy OSS names (contract §4.2): URL name, extension, MIME type and what each can
 * carry. {@code jpg} is accepted as an alias of {@code jpeg}; there is no {@code tif} or
 * {@code heif}.
 */
public enum ImageFormat {
  JPEG("jpeg", "jpg", "image/jpeg", false, true, false),
  PNG("png", "png", "image/png", true, false, false),
  WEBP("webp", "webp", "image/webp", true, true, true),
  AVIF("avif", "avif", "image/avif", true, true, false),
  GIF("gif", "gif", "image/gif", true, false, true),
  ICO("ico", "ico", "image/x-icon", true, false, false),
  SVG("svg", "svg", "image/svg+xml", true, false, false),
  HEIC("heic", "heic", "image/heif", true, true, false),
  BMP("bmp", "bmp", "image/bmp", true, false, false),
  TIFF("tiff", "tiff", "image/tiff", true, true, false),
  JXL("jxl", "jxl", "image/jxl", true, true, false);

  private final String urlName;
  private final String extension;
  private final String mimeType;
  private final boolean supportsAlpha;
  private final boolean supportsQuality;
  private final boolean savesAnimation;

  ImageFormat(
      String urlName,
      String extension,
      String mimeType,
      boolean supportsAlpha,
      boolean supportsQuality,
      boolean savesAnimation) {
    this.urlName = urlName;
    this.extension = extension;
    this.mimeType = mimeType;
    this.supportsAlpha = supportsAlpha;
    this.supportsQuality = supportsQuality;
    this.savesAnimation = savesAnimation;
  }

  /** The name used in URLs and settings ({@code jpeg}, {@code webp}, …). */
  public String urlName() {
    return urlName;
  }

  /** The file extension used in Content-Disposition, without the dot. */
  public String extension() {
    return extension;
  }

  public String mimeType() {
    return mimeType;
  }

  public boolean supportsAlpha() {
    return supportsAlpha;
  }

  /** Whether a quality setting (and so {@code max_bytes}) applies. */
  public boolean supportsQuality() {
    return supportsQuality;
  }

  /** Whether the format can be saved animated. */
  public boolean savesAnimation() {
    return savesAnimation;
  }

  /** Parses a URL/setting name ({@code jpg} is {@code jpeg}); case-insensitive. */
  public static Optional<ImageFormat> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("jpg")) {
      return Optional.of(JPEG);
    }
    for (ImageFormat f : values()) {
      if (f.urlName.equals(n)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
