package io.imgrid.shared.format;

import io.imgrid.shared.config.Env;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Encoder knobs (contract §8): each one changes the bytes a saver writes, so all of them are in
 * {@link #fingerprint()}.
 *
 * @param webpPreset one of {@link #WEBP_PRESETS}
 * @param avifSpeed 0..9; libvips' effort is {@code 9 - speed}
 */
public record EncoderConfig(
    boolean jpegProgressive,
    boolean pngInterlaced,
    boolean pngQuantize,
    int pngQuantizationColors,
    int webpEffort,
    String webpPreset,
    int avifSpeed,
    int jxlEffort) {

  public static final List<String> WEBP_PRESETS =
      List.of("default", "photo", "picture", "drawing", "icon", "text");

  /** imgproxy's defaults. */
  public static final EncoderConfig DEFAULT = new EncoderConfig(false, false, false, 256, 4, "default", 8, 4);

  public EncoderConfig {
    Objects.requireNonNull(webpPreset, "webpPreset == null");
    if (!WEBP_PRESETS.contains(webpPreset)) {
      throw new IllegalArgumentException("unknown WebP preset: " + webpPreset);
    }
  }

  public static EncoderConfig from(Env env) {
    String preset = env.string("IMGPROXY_WEBP_PRESET", "default").toLowerCase(Locale.ROOT);
    if (!WEBP_PRESETS.contains(preset)) {
      env.problem("IMGPROXY_WEBP_PRESET", "must be one of " + String.join("|", WEBP_PRESETS) + ", got '" + preset + "'");
      preset = "default";
    }
    return new EncoderConfig(
        env.bool("IMGPROXY_JPEG_PROGRESSIVE", false),
        env.bool("IMGPROXY_PNG_INTERLACED", false),
        env.bool("IMGPROXY_PNG_QUANTIZE", false),
        env.integer("IMGPROXY_PNG_QUANTIZATION_COLORS", 256, 2, 256),
        env.integer("IMGPROXY_WEBP_EFFORT", 4, 1, 6),
        preset,
        env.integer("IMGPROXY_AVIF_SPEED", 8, 0, 9),
        env.integer("IMGPROXY_JXL_EFFORT", 4, 1, 9));
  }

  /** libvips' heifsave effort for AVIF. */
  public int avifEffort() {
    return 9 - avifSpeed;
  }

  /** A stable text of every value here. */
  public String fingerprint() {
    return "encoder/1;jprog=" + flag(jpegProgressive)
        + ";pint=" + flag(pngInterlaced)
        + ";pq=" + flag(pngQuantize)
        + ";pqc=" + pngQuantizationColors
        + ";we=" + webpEffort
        + ";wp=" + webpPreset
        + ";as=" + avifSpeed
        + ";je=" + jxlEffort;
  }

  private static String flag(boolean b) {
    return b ? "1" : "0";
  }
}
