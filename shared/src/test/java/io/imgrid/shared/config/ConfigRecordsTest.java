package io.imgrid.shared.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.options.ProcessingOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRecordsTest {
  @Test
  void defaultsMatchImgproxy() {
    Env env = Env.of(Map.of());
    assertThat(SigningConfig.from(env).signingEnabled()).isFalse();
    assertThat(SigningConfig.from(env).signatureSize()).isEqualTo(32);
    assertThat(UrlConfig.from(env)).isEqualTo(UrlConfig.DEFAULT);
    assertThat(OptionDefaults.from(env)).isEqualTo(OptionDefaults.DEFAULT);
    assertThat(OptionDefaults.DEFAULT.baseOptions().build()).isEqualTo(ProcessingOptions.DEFAULT);
    assertThat(env.problems()).isEmpty();
  }

  @Test
  void signingNeedsBothListsOfEqualLength() {
    Env env = Env.of(Map.of("IMGPROXY_KEY", "aa,bb", "IMGPROXY_SALT", "cc"));
    assertThat(SigningConfig.from(env).signingEnabled()).isFalse();
    assertThat(env.problems()).hasSize(1);
    Env onlyKey = Env.of(Map.of("IMGPROXY_KEY", "aa"));
    assertThat(onlyKey.problems()).isEmpty();
    assertThat(SigningConfig.from(onlyKey).signingEnabled()).isFalse();
    Env ok = Env.of(Map.of("IMGPROXY_KEY", "aa, bb", "IMGPROXY_SALT", "cc,dd",
        "IMGPROXY_SIGNATURE_SIZE", "8", "IMGPROXY_TRUSTED_SIGNATURES", "x,y"));
    SigningConfig c = SigningConfig.from(ok);
    assertThat(c.signingEnabled()).isTrue();
    assertThat(c.keys()).hasSize(2);
    assertThat(c.signatureSize()).isEqualTo(8);
    assertThat(c.trustedSignatures()).containsExactly("x", "y");
  }

  @Test
  void everyBadValueIsReportedTogether() {
    Env env = Env.of(Map.of(
        "IMGPROXY_KEY", "zz", "IMGPROXY_SIGNATURE_SIZE", "33", "IMGPROXY_ONLY_PRESETS", "maybe",
        "IMGPROXY_MAX_SRC_RESOLUTION", "-1", "IMGPROXY_MAX_ANIMATION_FRAMES", "0",
        "IMGPROXY_URL_REPLACEMENTS", "noequals", "IMGPROXY_STRIP_METADATA", "nah"));
    SigningConfig.from(env);
    UrlConfig.from(env);
    OptionDefaults.from(env);
    assertThat(env.problems()).hasSize(7);
  }

  @Test
  void libvipsVectorsAreAutoUnlessSetAndABadValueIsAProblem() {
    assertThat(LibvipsConfig.from(Env.of(Map.of()))).isEqualTo(LibvipsConfig.DEFAULT);
    assertThat(LibvipsConfig.from(Env.of(Map.of("IMGRID_LIBVIPS_VECTOR", "true"))).vectors())
        .isEqualTo(LibvipsConfig.Vectors.ON);
    assertThat(LibvipsConfig.from(Env.of(Map.of("IMGRID_LIBVIPS_VECTOR", "FALSE"))).vectors())
        .isEqualTo(LibvipsConfig.Vectors.OFF);
    assertThat(LibvipsConfig.from(Env.of(Map.of("IMGRID_LIBVIPS_VECTOR", "Auto"))).vectors())
        .isEqualTo(LibvipsConfig.Vectors.AUTO);
    Env bad = Env.of(Map.of("IMGRID_LIBVIPS_VECTOR", "sometimes"));
    assertThat(LibvipsConfig.from(bad).vectors()).isEqualTo(LibvipsConfig.Vectors.AUTO);
    assertThat(bad.problems())
        .containsExactly("IMGRID_LIBVIPS_VECTOR must be auto, true or false, got 'sometimes'");
  }
}
