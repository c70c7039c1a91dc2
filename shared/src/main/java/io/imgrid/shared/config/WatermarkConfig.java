package io.imgrid.shared.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * The watermark image and its base opacity (imgproxy {@code IMGPROXY_WATERMARK_DATA},
 * {@code IMGPROXY_WATERMARK_PATH}, {@code IMGPROXY_WATERMARK_OPACITY}). The {@code watermark}
 * option's opacity is multiplied by {@link #opacity()}. The image is read once at start, as
 * imgproxy does, so a missing file stops the process instead of failing each request.
 * {@code IMGPROXY_WATERMARK_URL} needs a fetch: the record then carries the {@link #url()} and no
 * image, and the worker downloads it once at start ({@link #withImage}).
 *
 * <p>The bytes are copied in and out, so the record stays immutable; {@code equals} compares
 * them by content.
 *
 * @param image the watermark file (any format the worker loads), empty when none is set
 * @param opacity 0..1, default 1
 * @param url {@code IMGPROXY_WATERMARK_URL} when the image is still to be downloaded, else null
 */
public record WatermarkConfig(Optional<byte[]> image, double opacity, String url) {
  public static final WatermarkConfig NONE = new WatermarkConfig(Optional.empty(), 1.0);

  public WatermarkConfig(Optional<byte[]> image, double opacity) {
    this(image, opacity, null);
  }

  public WatermarkConfig {
    image = image == null ? Optional.empty() : image.map(byte[]::clone);
    if (!(opacity >= 0 && opacity <= 1)) {
      throw new IllegalArgumentException("opacity out of 0..1: " + opacity);
    }
  }

  /** DATA (base64) wins over PATH when both are set, as in imgproxy. */
  public static WatermarkConfig from(Env env) {
    double opacity = env.decimal("IMGPROXY_WATERMARK_OPACITY", 1.0, 0.0, 1.0);
    String data = env.raw("IMGPROXY_WATERMARK_DATA");
    String path = env.raw("IMGPROXY_WATERMARK_PATH");
    String url = env.raw("IMGPROXY_WATERMARK_URL");
    Optional<byte[]> image = Optional.empty();
    if (data != null) {
      try {
        image = Optional.of(Base64.getMimeDecoder().decode(data));
      } catch (IllegalArgumentException e) {
        env.problem("IMGPROXY_WATERMARK_DATA", "is not valid base64: " + e.getMessage());
      }
    } else if (path != null) {
      try {
        image = Optional.of(Files.readAllBytes(Path.of(path)));
      } catch (IOException | RuntimeException e) {
        env.problem("IMGPROXY_WATERMARK_PATH", "cannot read '" + path + "': " + e);
      }
    }
    if (image.isPresent() && image.get().length == 0) {
      env.problem(data != null ? "IMGPROXY_WATERMARK_DATA" : "IMGPROXY_WATERMARK_PATH", "is empty");
      image = Optional.empty();
    }
    if (image.isPresent() || url == null || url.isEmpty()) {
      url = null;
    }
    return new WatermarkConfig(image, opacity, url);
  }

  /** This configuration with the downloaded {@link #url()} image. */
  public WatermarkConfig withImage(byte[] downloaded) {
    return new WatermarkConfig(Optional.of(downloaded), opacity, null);
  }

  /** What changes output bytes: the image's digest (or its URL) and the opacity. */
  public String fingerprint() {
    String source =
        image
            .map(b -> "sha256:" + HexFormat.of().formatHex(sha256(b)))
            .orElse(url == null ? "none" : "url:" + url);
    return "watermark/1;img=" + source + ";op=" + opacity;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Optional<byte[]> image() {
    return image.map(byte[]::clone);
  }

  public boolean present() {
    return image.isPresent();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WatermarkConfig other)) {
      return false;
    }
    return opacity == other.opacity
        && Objects.equals(url, other.url)
        && image.isPresent() == other.image.isPresent()
        && (image.isEmpty() || Arrays.equals(image.get(), other.image.get()));
  }

  @Override
  public int hashCode() {
    return (Double.hashCode(opacity) * 31 + image.map(Arrays::hashCode).orElse(0)) * 31
        + Objects.hashCode(url);
  }

  @Override
  public String toString() {
    return "WatermarkConfig[image=" + image.map(b -> b.length + " bytes").orElse("none")
        + ", opacity=" + opacity + ", url=" + url + "]";
  }
}
