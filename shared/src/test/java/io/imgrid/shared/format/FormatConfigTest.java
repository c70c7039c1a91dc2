package io.imgrid.shared.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.Env;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatConfigTest {

  @Test
  void defaultsAreImgproxys() {
    Env env = Env.of(Map.of());
    FormatConfig c = FormatConfig.from(env);
    assertThat(env.problems()).isEmpty();
    assertThat(c.preferredFormats()).containsExactly(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.GIF);
    assertThat(c.quality()).isEqualTo(80);
    assertThat(c.formatQuality())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(ImageFormat.WEBP, 79, ImageFormat.AVIF, 63, ImageFormat.JXL, 77));
    assertThat(c.negotiates()).isFalse();
    assertThat(c.varyHeader()).isEmpty();
    assertThat(c.skipProcessingFormats()).isEmpty();
    assertThat(c.alwaysRasterizeSvg()).isFalse();
    assertThat(c.sanitizeSvg()).isTrue();
    assertThat(c).isEqualTo(FormatConfig.DEFAULT);
  }

  @Test
  void readsEverySetting() {
    Env env =
        Env.of(
            Map.ofEntries(
                Map.entry("IMGPROXY_PREFERRED_FORMATS", "png, webp,jpg"),
                Map.entry("IMGPROXY_AUTO_AVIF", "true"),
                Map.entry("IMGPROXY_ENFORCE_WEBP", "1"),
                Map.entry("IMGPROXY_AUTO_JXL", "t"),
                Map.entry("IMGPROXY_QUALITY", "70"),
                Map.entry("IMGPROXY_FORMAT_QUALITY", "jpeg=90,avif=40"),
                Map.entry("IMGPROXY_SKIP_PROCESSING_FORMATS", "gif,svg"),
                Map.entry("IMGPROXY_ALWAYS_RASTERIZE_SVG", "true"),
                Map.entry("IMGPROXY_SANITIZE_SVG", "false")));
    FormatConfig c = FormatConfig.from(env);
    assertThat(env.problems()).isEmpty();
    assertThat(c.preferredFormats()).containsExactly(ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.JPEG);
    assertThat(c.autoAvif()).isTrue();
    assertThat(c.autoJxl()).isTrue();
    assertThat(c.enforceWebp()).isTrue();
    assertThat(c.autoWebp()).isFalse();
    assertThat(c.quality()).isEqualTo(70);
    assertThat(c.formatQuality())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(ImageFormat.JPEG, 90, ImageFormat.WEBP, 79, ImageFormat.AVIF, 40, ImageFormat.JXL, 77));
    assertThat(c.skipProcessingFormats()).containsExactlyInAnyOrder(ImageFormat.GIF, ImageFormat.SVG);
    assertThat(c.alwaysRasterizeSvg()).isTrue();
    assertThat(c.sanitizeSvg()).isFalse();
    assertThat(c.varyHeader()).contains("Accept");
  }

  @Test
  void v3DetectionNamesAreAliasesWithAWarning() {
    Env env =
        Env.of(
            Map.of(
                "IMGPROXY_ENABLE_WEBP_DETECTION", "true", "IMGPROXY_ENABLE_AVIF_DETECTION", "true"));
    FormatConfig c = FormatConfig.from(env);
    assertThat(c.autoWebp()).isTrue();
    assertThat(c.autoAvif()).isTrue();
    assertThat(env.warnings()).hasSize(2);
  }

  @Test
  void badValuesAreRecordedProblems() {
    Env env =
        Env.of(
            Map.of(
                "IMGPROXY_PREFERRED_FORMATS", "jpeg,tif",
                "IMGPROXY_QUALITY", "0",
                "IMGPROXY_FORMAT_QUALITY", "webp=101,heif=50,avif",
                "IMGPROXY_SKIP_PROCESSING_FORMATS", "nope"));
    FormatConfig.from(env);
    assertThat(env.problems()).hasSize(6);
  }

  @Test
  void preferredSavableDropsWhatThisWorkerCantSave() {
    FormatConfig c = FormatConfig.DEFAULT;
    assertThat(c.preferredSavable(EnumSet.of(ImageFormat.PNG, ImageFormat.GIF)))
        .containsExactly(ImageFormat.PNG, ImageFormat.GIF);
  }

  @Test
  void fingerprintChangesWithEachValue() {
    String base = FormatConfig.DEFAULT.fingerprint();
    assertThat(base).isEqualTo(FormatConfig.from(Env.of(Map.of())).fingerprint());
    for (Map<String, String> one :
        List.of(
            Map.of("IMGPROXY_PREFERRED_FORMATS", "png,jpeg,gif"),
            Map.of("IMGPROXY_AUTO_WEBP", "true"),
            Map.of("IMGPROXY_AUTO_AVIF", "true"),
            Map.of("IMGPROXY_AUTO_JXL", "true"),
            Map.of("IMGPROXY_ENFORCE_WEBP", "true"),
            Map.of("IMGPROXY_ENFORCE_AVIF", "true"),
            Map.of("IMGPROXY_ENFORCE_JXL", "true"),
            Map.of("IMGPROXY_QUALITY", "81"),
            Map.of("IMGPROXY_FORMAT_QUALITY", "webp=80"),
            Map.of("IMGPROXY_SKIP_PROCESSING_FORMATS", "gif"),
            Map.of("IMGPROXY_ALWAYS_RASTERIZE_SVG", "true"),
            Map.of("IMGPROXY_SANITIZE_SVG", "false"))) {
      assertThat(FormatConfig.from(Env.of(one)).fingerprint()).as("%s", one).isNotEqualTo(base);
    }
  }

  @Test
  void encoderDefaultsAndFingerprint() {
    Env env = Env.of(Map.of());
    EncoderConfig e = EncoderConfig.from(env);
    assertThat(env.problems()).isEmpty();
    assertThat(e).isEqualTo(EncoderConfig.DEFAULT);
    assertThat(e.avifEffort()).isEqualTo(1);
    String base = e.fingerprint();
    for (Map<String, String> one :
        List.of(
            Map.of("IMGPROXY_JPEG_PROGRESSIVE", "true"),
            Map.of("IMGPROXY_PNG_INTERLACED", "true"),
            Map.of("IMGPROXY_PNG_QUANTIZE", "true"),
            Map.of("IMGPROXY_PNG_QUANTIZATION_COLORS", "16"),
            Map.of("IMGPROXY_WEBP_EFFORT", "6"),
            Map.of("IMGPROXY_WEBP_PRESET", "photo"),
            Map.of("IMGPROXY_AVIF_SPEED", "5"),
            Map.of("IMGPROXY_JXL_EFFORT", "7"))) {
      Env one1 = Env.of(one);
      assertThat(EncoderConfig.from(one1).fingerprint()).as("%s", one).isNotEqualTo(base);
      assertThat(one1.problems()).isEmpty();
    }
  }

  @Test
  void encoderRangesAreChecked() {
    Env env =
        Env.of(
            Map.of(
                "IMGPROXY_PNG_QUANTIZATION_COLORS", "1",
                "IMGPROXY_WEBP_EFFORT", "7",
                "IMGPROXY_WEBP_PRESET", "cartoon",
                "IMGPROXY_AVIF_SPEED", "10",
                "IMGPROXY_JXL_EFFORT", "0"));
    assertThat(EncoderConfig.from(env)).isEqualTo(EncoderConfig.DEFAULT);
    assertThat(env.problems()).hasSize(5);
  }
}
