package io.imgrid.shared.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.FetchConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionalsTest {

  private static FetchConfig config(Map<String, String> vars) {
    Env env = Env.of(vars);
    FetchConfig config = FetchConfig.from(env);
    env.validate();
    return config;
  }

  @Test
  void forwardsClientValidatorsAsTheyAreByDefault() {
    FetchConfig c = FetchConfig.defaults();
    assertThat(Conditionals.ifNoneMatch(c, " \"abc\" ")).isEqualTo("\"abc\"");
    assertThat(Conditionals.ifModifiedSince(c, "Wed, 01 May 2024 10:00:00 GMT"))
        .isEqualTo("Wed, 01 May 2024 10:00:00 GMT");
    assertThat(Conditionals.ifNoneMatch(c, null)).isNull();
    assertThat(Conditionals.ifNoneMatch(c, "  ")).isNull();
  }

  @Test
  void forwardsNothingWhenTheFeatureIsOff() {
    FetchConfig c =
        config(Map.of("IMGPROXY_USE_ETAG", "false", "IMGPROXY_USE_LAST_MODIFIED", "false"));
    assertThat(Conditionals.ifNoneMatch(c, "\"abc\"")).isNull();
    assertThat(Conditionals.ifModifiedSince(c, "Wed, 01 May 2024 10:00:00 GMT")).isNull();
  }

  @Test
  void etagBusterDecodesOnlyItsOwnTags() {
    FetchConfig c = config(Map.of("IMGPROXY_ETAG_BUSTER", "v2"));
    String origin = "\"origin-tag\"";
    String ours =
        "\"v2/"
            + Base64.getUrlEncoder().encodeToString(origin.getBytes(StandardCharsets.UTF_8))
            + "\"";
    assertThat(Conditionals.ifNoneMatch(c, ours)).isEqualTo(origin);
    assertThat(Conditionals.ifNoneMatch(c, ours.replace("v2/", "v1/"))).isNull();
    assertThat(Conditionals.ifNoneMatch(c, origin)).isNull();
    assertThat(Conditionals.ifNoneMatch(c, "\"v2/***\"")).isNull();
  }

  @Test
  void lastModifiedBusterDropsOlderDates() {
    FetchConfig c = config(Map.of("IMGPROXY_LAST_MODIFIED_BUSTER", "2024-05-01T10:00:00Z"));
    assertThat(Conditionals.ifModifiedSince(c, "Wed, 01 May 2024 09:59:59 GMT")).isNull();
    assertThat(Conditionals.ifModifiedSince(c, "Wed, 01 May 2024 10:00:00 GMT")).isNotNull();
    assertThat(Conditionals.ifModifiedSince(c, "not a date")).isNull();
  }

  @Test
  void forwardBuildsTheRequest() {
    FetchRequest req =
        Conditionals.forward(FetchConfig.defaults(), FetchRequest.process(), "\"a\"", null);
    assertThat(req.ifNoneMatch()).isEqualTo("\"a\"");
    assertThat(req.ifModifiedSince()).isNull();
    assertThat(req.conditional()).isTrue();
    assertThat(FetchRequest.process().conditional()).isFalse();
  }

  @Test
  void httpDatesAreTwoDigitGmt() {
    assertThat(Conditionals.formatHttpDate(Instant.parse("2024-05-03T01:02:03.9Z")))
        .isEqualTo("Fri, 03 May 2024 01:02:03 GMT");
  }
}
