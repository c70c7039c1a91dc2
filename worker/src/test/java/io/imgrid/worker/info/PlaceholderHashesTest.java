package io.imgrid.worker.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ThumbHash and BlurHash give, byte for byte, what the algorithms' reference implementations
 * (npm {@code thumbhash} 0.1.1, {@code blurhash} 2.0.5) computed for the same pixels. The vectors
 * are made by {@code worker/src/test/placeholders/gen-vectors.mjs}: gradients, noise, hard edges,
 * alpha, a fully transparent image, 1x1, extreme aspect ratios.
 */
class PlaceholderHashesTest {

  static Stream<JsonObject> vectors() throws IOException {
    try (InputStream in = PlaceholderHashesTest.class.getResourceAsStream("/placeholder-vectors.json")) {
      JsonArray vectors = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .getJsonArray("vectors");
      assertThat(vectors).hasSizeGreaterThanOrEqualTo(8);
      return vectors.stream().map(JsonObject.class::cast);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void thumbHashEqualsTheReference(JsonObject vector) {
    byte[] rgba = Base64.getDecoder().decode(vector.getString("rgba"));
    byte[] hash = ThumbHash.encode(vector.getInteger("width"), vector.getInteger("height"), rgba);
    assertThat(Base64.getEncoder().encodeToString(hash)).isEqualTo(vector.getString("thumbhash"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void blurHashEqualsTheReference(JsonObject vector) {
    byte[] rgba = Base64.getDecoder().decode(vector.getString("rgba"));
    JsonObject expected = vector.getJsonObject("blurhash");
    assertThat(expected.fieldNames()).hasSize(4);
    for (Map.Entry<String, Object> entry : expected) {
      List<Integer> xy = Stream.of(entry.getKey().split("x")).map(Integer::valueOf).toList();
      String hash = BlurHash.encode(rgba, vector.getInteger("width"), vector.getInteger("height"),
          xy.get(0), xy.get(1));
      assertThat(hash).as(entry.getKey()).isEqualTo(entry.getValue());
      assertThat(hash).hasSize(4 + 2 * xy.get(0) * xy.get(1));
    }
  }

  @Test
  void refusesWhatTheAlgorithmsRefuse() {
    assertThatThrownBy(() -> ThumbHash.encode(101, 10, new byte[101 * 10 * 4]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ThumbHash.encode(2, 2, new byte[15]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BlurHash.encode(new byte[16], 2, 2, 0, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BlurHash.encode(new byte[16], 2, 2, 4, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BlurHash.encode(new byte[15], 2, 2, 4, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
