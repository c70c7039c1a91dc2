package io.imgrid.shared.options;

import java.util.Objects;

/**
 * {@code watermark}: opacity 0 disables it. x/y are offsets (tile spacing for
 * {@link WatermarkPosition#REPLICATE}); scale is relative to the result, 0 meaning "as is".
 */
public record Watermark(double opacity, WatermarkPosition position, double x, double y, double scale) {
  public static final Watermark NONE = new Watermark(0, WatermarkPosition.CENTER, 0, 0, 0);

  public Watermark {
    Objects.requireNonNull(position, "position == null");
  }

  public boolean enabled() {
    return opacity > 0;
  }
}
