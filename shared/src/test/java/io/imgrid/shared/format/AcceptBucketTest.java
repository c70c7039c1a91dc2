package io.imgrid.shared.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.config.Env;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcceptBucketTest {
  private static final String CHROME = "image/avif,image/webp,image/apng,image/*,*/*;q=0.8";

  @Test
  void emptyWithoutNegotiation() {
    assertThat(AcceptBucket.of(CHROME, FormatConfig.DEFAULT)).isEqualTo(AcceptBucket.NONE);
  }

  @Test
  void maskedByTheFormatsNegotiationIsOnFor() {
    FormatConfig webpOnly = FormatConfig.from(Env.of(Map.of("IMGPROXY_AUTO_WEBP", "true")));
    assertThat(AcceptBucket.of(CHROME, webpOnly)).isEqualTo(new AcceptBucket(true, false, false));
    FormatConfig all =
        FormatConfig.from(
            Env.of(
                Map.of(
                    "IMGPROXY_AUTO_WEBP", "true",
                    "IMGPROXY_ENFORCE_AVIF", "true",
                    "IMGPROXY_AUTO_JXL", "true")));
    assertThat(AcceptBucket.of(CHROME, all)).isEqualTo(new AcceptBucket(true, true, false));
    assertThat(AcceptBucket.of("image/jxl", all)).isEqualTo(new AcceptBucket(false, false, true));
    assertThat(AcceptBucket.of(null, all)).isEqualTo(AcceptBucket.NONE);
    assertThat(AcceptBucket.of("*/*", all)).isEqualTo(AcceptBucket.NONE);
  }

  @Test
  void encodeRoundTrips() {
    for (int bits = 0; bits < 8; bits++) {
      AcceptBucket b = new AcceptBucket((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0);
      assertThat(AcceptBucket.decode(b.encode())).isEqualTo(b);
    }
    assertThat(new AcceptBucket(true, false, true).encode()).isEqualTo("webp,jxl");
    assertThat(AcceptBucket.NONE.encode()).isEqualTo("-");
    assertThatThrownBy(() -> AcceptBucket.decode("jxl,webp"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
