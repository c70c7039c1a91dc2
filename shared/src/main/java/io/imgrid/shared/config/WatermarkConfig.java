package io.imgrid.shared.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The watermark image and its base opacity (imgproxy {@code IMGPROXY_WATERMARK_DATA},
 * {@code IMGPROXY_WATERMARK_PATH}, {@code IMGPROXY_WATERMARK_OPACITY}). The {@code watermark}
 * option's opacity is multiplied by {@link #opacity()}. The image is read once at start, as
 * imgproxy does, so a missing file stops the process instead of failing each request.
 * {@code IMGPROXY_WATERMARK_URL} is not supported (it needs a fetch at start).
 *
 * <p>The bytes are copied in and out, so the record stays immutable; {@code equals} compares
 * them by content.
 *
 * @param image the watermark file (any format the worker loads), empty when none is set
 * @param opacity 0..1, default 1
 */
public record WatermarkConfig(Optional<byte[]> image, double opacity) {
  public static final WatermarkConfig NONE = new WatermarkConfig(Optional.empty(), 1.0);

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
    return new WatermarkConfig(image, opacity);
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
        && image.isPresent() == other.image.isPresent()
        && (image.isEmpty() || Arrays.equals(image.get(), other.image.get()));
  }

  @Override
  public int hashCode() {
    return Double.hashCode(opacity) * 31 + image.map(Arrays::hashCode).orElse(0);
  }

  @Override
  public String toString() {
    return "WatermarkConfig[image=" + image.map(b -> b.length + " bytes").orElse("none")
        + ", opacity=" + opacity + "]";
  }
}
