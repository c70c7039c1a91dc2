package io.imgrid.shared.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.options.ProcessingOptions;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class QualityTest {

  @Test
  void resolutionOrder() {
    FormatConfig cfg =
        FormatConfig.from(Env.of(Map.of("IMGPROXY_QUALITY", "70", "IMGPROXY_FORMAT_QUALITY", "jpeg=60")));
    ProcessingOptions none = ProcessingOptions.DEFAULT;
    assertThat(Quality.resolve(none, ImageFormat.PNG, cfg)).isEqualTo(70);
    assertThat(Quality.resolve(none, ImageFormat.JPEG, cfg)).isEqualTo(60);
    assertThat(Quality.resolve(none, ImageFormat.WEBP, cfg)).isEqualTo(79);
    ProcessingOptions fq =
        ProcessingOptions.builder().formatQuality(Map.of(ImageFormat.JPEG, 50, ImageFormat.WEBP, 0)).build();
    assertThat(Quality.resolve(fq, ImageFormat.JPEG, cfg)).isEqualTo(50);
    assertThat(Quality.resolve(fq, ImageFormat.WEBP, cfg)).isEqualTo(79);
    ProcessingOptions q = fq.toBuilder().quality(42).build();
    assertThat(Quality.resolve(q, ImageFormat.JPEG, cfg)).isEqualTo(42);
    assertThat(Quality.resolve(ProcessingOptions.DEFAULT, ImageFormat.AVIF, FormatConfig.DEFAULT))
        .isEqualTo(63);
    assertThat(Quality.resolve(ProcessingOptions.DEFAULT, ImageFormat.JPEG, FormatConfig.DEFAULT))
        .isEqualTo(80);
  }

  @Test
  void maxBytesLoopStepsDownInProportion() {
    assertThat(MaxBytes.nextQuality(80, 1000, 1000)).isEmpty();
    assertThat(MaxBytes.nextQuality(10, 5000, 1000)).isEmpty();
    assertThat(MaxBytes.nextQuality(80, 4000, 1000)).isEqualTo(OptionalInt.of(20));
    assertThat(MaxBytes.nextQuality(80, 2000, 1000)).isEqualTo(OptionalInt.of(40));
    assertThat(MaxBytes.nextQuality(80, 1200, 1000)).isEqualTo(OptionalInt.of(60));
    // round(11 * 0.75) = 8; always at least one lower, never below 1
    assertThat(MaxBytes.nextQuality(11, 1100, 1000)).isEqualTo(OptionalInt.of(8));
    assertThat(MaxBytes.nextQuality(12, 1001, 1000)).isEqualTo(OptionalInt.of(9));
    assertThat(MaxBytes.nextQuality(11, 100_000, 1)).isEqualTo(OptionalInt.of(3));
  }

  @Test
  void maxBytesLoopTerminates() {
    int q = 100;
    int steps = 0;
    OptionalInt next;
    while ((next = MaxBytes.nextQuality(q, 1_000_000, 1)).isPresent()) {
      assertThat(next.getAsInt()).isLessThan(q).isGreaterThanOrEqualTo(1);
      q = next.getAsInt();
      steps++;
    }
    assertThat(q).isLessThanOrEqualTo(10);
    assertThat(steps).isLessThan(10);
  }

  @Test
  void maxBytesAppliesOnlyToQualityFormats() {
    assertThat(MaxBytes.applies(1000, ImageFormat.JPEG)).isTrue();
    assertThat(MaxBytes.applies(1000, ImageFormat.PNG)).isFalse();
    assertThat(MaxBytes.applies(0, ImageFormat.JPEG)).isFalse();
  }
}
