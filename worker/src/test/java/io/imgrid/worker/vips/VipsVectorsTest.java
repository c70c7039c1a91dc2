package io.imgrid.worker.vips;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.LibvipsConfig.Vectors;
import io.imgrid.worker.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code IMGRID_LIBVIPS_VECTOR} on the linked libvips, read back with {@code
 * vips_vector_isenabled}: by default orc's vector paths are off below 8.15 (issue 11; the proof is
 * {@code bench/native-repro.sh}), libvips' own default (on) from 8.15; {@code true} and {@code
 * false} force them.
 */
class VipsVectorsTest {
  @BeforeAll
  static void init() {
    VipsTesting.init();
  }

  @Test
  void initAppliedTheConfiguredPolicy() {
    Vectors configured = TestImages.libvipsConfig().vectors();
    boolean expected =
        switch (configured) {
          case ON -> true;
          case OFF -> false;
          case AUTO -> !usesOrc() && System.getenv("VIPS_NOVECTOR") == null;
        };
    assertThat(Vips.vectorsEnabled())
        .as("libvips %s, IMGRID_LIBVIPS_VECTOR %s", Vips.version(), configured)
        .isEqualTo(expected);
  }

  @Test
  void defaultIsOffExactlyBelow815AndTrueOrFalseForceIt() {
    boolean before = Vips.vectorsEnabled();
    List<LogRecord> logged = new ArrayList<>();
    Logger log = Logger.getLogger("io.imgrid.worker.vips");
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(capture);
    try {
      assertThat(apply(Vectors.ON)).as("opted in on libvips %s", Vips.version()).isTrue();
      assertThat(Vips.vectorsEnabled()).isTrue();
      assertThat(apply(Vectors.OFF)).isFalse();

      LibVips.vips_vector_set_enabled(1);
      logged.clear();
      assertThat(apply(Vectors.AUTO)).as("auto on libvips %s", Vips.version())
          .isEqualTo(!usesOrc());
      if (usesOrc()) {
        assertThat(logged).singleElement().satisfies(r -> {
          assertThat(r.getLevel()).isEqualTo(Level.INFO);
          assertThat(r.getMessage()).contains("orc vector paths turned off")
              .contains("IMGRID_LIBVIPS_VECTOR=true");
        });
      } else {
        assertThat(logged).isEmpty();
      }
    } finally {
      log.removeHandler(capture);
      LibVips.vips_vector_set_enabled(before ? 1 : 0);
    }
  }

  private static boolean apply(Vectors mode) {
    int[] v = version();
    return Vips.applyVectors(mode, v[0], v[1], Vips.version());
  }

  private static boolean usesOrc() {
    int[] v = version();
    return v[0] < 8 || (v[0] == 8 && v[1] < 15);
  }

  private static int[] version() {
    String[] parts = Vips.version().split("\\.");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }
}
