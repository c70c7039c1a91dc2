package io.imgrid.shared.options;

/**
 * Per-request source limits: the {@code IMGPROXY_MAX_*} settings, overridable by the security
 * options when {@code IMGPROXY_ALLOW_SECURITY_OPTIONS} is on. Resolutions are in pixels (the
 * settings are written in megapixels); 0 means "no limit" where imgproxy says so.
 */
public record SecurityLimits(
    double maxSrcResolution,
    long maxSrcFileSize,
    int maxAnimationFrames,
    double maxAnimationFrameResolution,
    int maxResultDimension) {

  /** imgproxy's defaults: 50 MP, no byte limit, 1 frame, no frame limit, no result limit. */
  public static final SecurityLimits DEFAULT = new SecurityLimits(50_000_000d, 0, 1, 0, 0);
}
