package io.imgrid.shared.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarkConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsToNoneWithFullOpacity() {
    WatermarkConfig c = WatermarkConfig.from(Env.of(Map.of()));
    assertThat(c).isEqualTo(WatermarkConfig.NONE);
    assertThat(c.present()).isFalse();
    assertThat(c.opacity()).isEqualTo(1.0);
  }

  @Test
  void dataWinsOverPathAndOpacityIsRead() throws Exception {
    Path file = dir.resolve("wm.png");
    Files.write(file, new byte[] {9, 9});
    Env env = Env.of(Map.of(
        "IMGPROXY_WATERMARK_DATA", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}),
        "IMGPROXY_WATERMARK_PATH", file.toString(),
        "IMGPROXY_WATERMARK_OPACITY", "0.25"));
    WatermarkConfig c = WatermarkConfig.from(env);
    env.validate();
    assertThat(c.image()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, 2, 3));
    assertThat(c.opacity()).isEqualTo(0.25);
    WatermarkConfig fromPath =
        WatermarkConfig.from(Env.of(Map.of("IMGPROXY_WATERMARK_PATH", file.toString())));
    assertThat(fromPath.image()).hasValueSatisfying(b -> assertThat(b).containsExactly(9, 9));
  }

  @Test
  void badValuesAreReportedTogether() {
    Env env = Env.of(Map.of(
        "IMGPROXY_WATERMARK_DATA", "%%%not base64",
        "IMGPROXY_WATERMARK_OPACITY", "2"));
    WatermarkConfig.from(env);
    assertThat(env.problems()).hasSize(2);
    Env missing = Env.of(Map.of("IMGPROXY_WATERMARK_PATH", dir.resolve("nope").toString()));
    WatermarkConfig.from(missing);
    assertThatThrownBy(missing::validate).isInstanceOf(ConfigException.class);
  }
}
