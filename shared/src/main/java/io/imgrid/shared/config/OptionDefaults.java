package io.imgrid.shared.config;

import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.SecurityLimits;
import java.util.Objects;

/**
 * The settings that give processing options their defaults before any preset or URL option
 * (contract §3.2 "Default" column, §6 image-bomb limits), with imgproxy v4's defaults.
 */
public record OptionDefaults(
    boolean autoRotate,
    boolean stripMetadata,
    boolean keepCopyright,
    boolean stripColorProfile,
    boolean preserveHdr,
    boolean enforceThumbnail,
    boolean returnAttachment,
    SecurityLimits limits) {

  /** Every setting at imgproxy's default. */
  public static final OptionDefaults DEFAULT =
      new OptionDefaults(true, true, true, true, false, false, false, SecurityLimits.DEFAULT);

  public OptionDefaults {
    Objects.requireNonNull(limits, "limits == null");
  }

  public static OptionDefaults from(Env env) {
    double maxSrcMp = env.decimal("IMGPROXY_MAX_SRC_RESOLUTION", 50, 0, 1e9);
    long maxFileSize = env.longValue("IMGPROXY_MAX_SRC_FILE_SIZE", 0, 0, Long.MAX_VALUE);
    int maxFrames = env.integer("IMGPROXY_MAX_ANIMATION_FRAMES", 1, 1, Integer.MAX_VALUE);
    double maxFrameMp = env.decimal("IMGPROXY_MAX_ANIMATION_FRAME_RESOLUTION", 0, 0, 1e9);
    int maxResultDim = env.integer("IMGPROXY_MAX_RESULT_DIMENSION", 0, 0, Integer.MAX_VALUE);
    return new OptionDefaults(
        env.bool("IMGPROXY_AUTO_ROTATE", true),
        env.bool("IMGPROXY_STRIP_METADATA", true),
        env.bool("IMGPROXY_KEEP_COPYRIGHT", true),
        env.bool("IMGPROXY_STRIP_COLOR_PROFILE", true),
        env.bool("IMGPROXY_PRESERVE_HDR", false),
        env.bool("IMGPROXY_ENFORCE_THUMBNAIL", false),
        env.bool("IMGPROXY_RETURN_ATTACHMENT", false),
        new SecurityLimits(
            megapixels(maxSrcMp), maxFileSize, maxFrames, megapixels(maxFrameMp), maxResultDim));
  }

  /** Megapixels to whole pixels, truncated as imgproxy does. */
  private static double megapixels(double mp) {
    return (double) (long) (mp * 1_000_000d);
  }

  /** A fresh builder pre-filled with these defaults; presets and URL options go on top. */
  public ProcessingOptions.Builder baseOptions() {
    return ProcessingOptions.builder()
        .autoRotate(autoRotate)
        .stripMetadata(stripMetadata)
        .keepCopyright(keepCopyright)
        .stripColorProfile(stripColorProfile)
        .preserveHdr(preserveHdr)
        .enforceThumbnail(enforceThumbnail)
        .returnAttachment(returnAttachment)
        .limits(limits);
  }
}
