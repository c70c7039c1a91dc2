package io.imgrid.shared.url;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.OptionDefaults;
import io.imgrid.shared.config.SigningConfig;
import io.imgrid.shared.config.UrlConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Builds parsers from env maps, as startup does, with a fixed clock. */
final class Parsers {
  /** 2024-01-01T00:00:00Z. */
  static final Instant NOW = Instant.ofEpochSecond(1_704_067_200L);
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Parsers() {}

  static UrlParser parser(String... keyValues) {
    Env env = env(keyValues);
    SigningConfig signing = SigningConfig.from(env);
    UrlConfig url = UrlConfig.from(env);
    OptionDefaults defaults = OptionDefaults.from(env);
    env.validate();
    return new UrlParser(signing, url, defaults, CLOCK);
  }

  static InfoUrlParser infoParser(String... keyValues) {
    Env env = env(keyValues);
    SigningConfig signing = SigningConfig.from(env);
    UrlConfig url = UrlConfig.from(env);
    OptionDefaults defaults = OptionDefaults.from(env);
    env.validate();
    return new InfoUrlParser(signing, url, defaults, CLOCK);
  }

  private static Env env(String... keyValues) {
    Map<String, String> vars = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      vars.put(keyValues[i], keyValues[i + 1]);
    }
    return Env.of(vars);
  }
}
