package io.imgrid.shared.config;

/**
 * How the worker's pipeline decodes and resizes (contract §8, imgproxy {@code
 * config.DisableShrinkOnLoad} and {@code config.UseLinearColorspace}). Both change the result's
 * pixels, so both are in {@link #fingerprint()} and hence in every job key.
 *
 * @param disableShrinkOnLoad {@code IMGPROXY_DISABLE_SHRINK_ON_LOAD}: decode JPEG and WebP at full
 *     size instead of letting the decoder shrink (slower, marginally sharper)
 * @param useLinearColorspace {@code IMGPROXY_USE_LINEAR_COLORSPACE}: resize in linear light
 *     (scRGB) instead of in sRGB's gamma-encoded values
 */
public record ProcessingConfig(boolean disableShrinkOnLoad, boolean useLinearColorspace) {

  /** imgproxy's defaults: shrink-on-load on, resize in sRGB. */
  public static final ProcessingConfig DEFAULT = new ProcessingConfig(false, false);

  public static ProcessingConfig from(Env env) {
    return new ProcessingConfig(
        env.bool("IMGPROXY_DISABLE_SHRINK_ON_LOAD", false),
        env.bool("IMGPROXY_USE_LINEAR_COLORSPACE", false));
  }

  /** A stable text of every value here. */
  public String fingerprint() {
    return "processing/1;nosol=" + (disableShrinkOnLoad ? "1" : "0")
        + ";linear=" + (useLinearColorspace ? "1" : "0");
  }
}
