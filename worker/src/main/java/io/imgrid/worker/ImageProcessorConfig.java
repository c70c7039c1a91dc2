package io.imgrid.worker;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.ProcessingConfig;
import io.imgrid.shared.config.WatermarkConfig;
import io.imgrid.shared.format.EncoderConfig;
import io.imgrid.shared.format.FormatConfig;
import java.util.Map;
import java.util.Objects;

/**
 * The settings {@link ImageProcessor} needs: format selection (incl. SVG sanitize and
 * always-rasterize), encoder knobs, the pipeline's decode/resize knobs and the watermark.
 */
public record ImageProcessorConfig(
    FormatConfig formats, EncoderConfig encoder, ProcessingConfig processing,
    WatermarkConfig watermark) {

  /** imgproxy's defaults, no watermark. */
  public static final ImageProcessorConfig DEFAULT = new ImageProcessorConfig(
      FormatConfig.DEFAULT, EncoderConfig.DEFAULT, ProcessingConfig.DEFAULT, WatermarkConfig.NONE);

  public ImageProcessorConfig {
    Objects.requireNonNull(formats, "formats == null");
    Objects.requireNonNull(encoder, "encoder == null");
    Objects.requireNonNull(processing, "processing == null");
    Objects.requireNonNull(watermark, "watermark == null");
  }

  /** Reads every part; problems are recorded on {@code env} (call {@link Env#validate()}). */
  public static ImageProcessorConfig from(Env env) {
    return new ImageProcessorConfig(FormatConfig.from(env), EncoderConfig.from(env),
        ProcessingConfig.from(env), WatermarkConfig.from(env));
  }

  /** For tests and tools: {@link #from(Env)} over a map. */
  public static ImageProcessorConfig of(Map<String, String> vars) {
    Env env = Env.of(vars);
    ImageProcessorConfig config = from(env);
    env.validate();
    return config;
  }
}
