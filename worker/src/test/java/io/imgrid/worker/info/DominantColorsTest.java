package io.imgrid.worker.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.worker.info.MedianCut.Swatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Median cut and the Vibrant scheme on pixels made here, with known colours and counts. */
class DominantColorsTest {

  /** Straight RGBA pixels: {@code counts[i]} pixels of {@code colours[i]} (r, g, b, a). */
  private static byte[] pixels(int[][] colours, int... counts) {
    int n = 0;
    for (int c : counts) {
      n += c;
    }
    byte[] rgba = new byte[n * 4];
    int at = 0;
    for (int i = 0; i < colours.length; i++) {
      for (int k = 0; k < counts[i]; k++) {
        for (int ch = 0; ch < 4; ch++) {
          rgba[at++] = (byte) colours[i][ch];
        }
      }
    }
    return rgba;
  }

  private static void assertNear(Swatch s, int r, int g, int b) {
    // 5 bits a channel: a cell's centre is within 4 of any colour in it
    assertThat(Math.abs(s.r() - r)).as("R of %s", s).isLessThanOrEqualTo(4);
    assertThat(Math.abs(s.g() - g)).as("G of %s", s).isLessThanOrEqualTo(4);
    assertThat(Math.abs(s.b() - b)).as("B of %s", s).isLessThanOrEqualTo(4);
  }

  @Test
  void medianCutFindsDistinctColoursMostPopulousFirst() {
    byte[] rgba = pixels(new int[][] {{200, 40, 40, 255}, {30, 160, 60, 255}, {40, 40, 200, 255}},
        500, 300, 200);
    List<Swatch> three = MedianCut.quantize(rgba, 3, false);
    assertThat(three).extracting(Swatch::population).containsExactly(500, 300, 200);
    assertNear(three.get(0), 200, 40, 40);
    assertNear(three.get(1), 30, 160, 60);
    assertNear(three.get(2), 40, 40, 200);
    assertThat(MedianCut.quantize(rgba, 2, false)).hasSize(2)
        .extracting(Swatch::population).containsExactlyInAnyOrder(500, 500)
        .as("two boxes share the thousand pixels").hasSize(2);
    assertThat(MedianCut.quantize(rgba, 16, false)).hasSize(3); // never more than there are
  }

  @Test
  void translucentAndOptionallyWhitePixelsDoNotCount() {
    byte[] rgba = pixels(new int[][] {{200, 40, 40, 255}, {0, 0, 255, 100}, {255, 255, 255, 255}},
        10, 1000, 1000);
    assertThat(MedianCut.quantize(rgba, 8, true)).singleElement()
        .satisfies(s -> assertNear(s, 200, 40, 40));
    assertThat(MedianCut.quantize(rgba, 8, false)).hasSize(2);
    assertThat(MedianCut.quantize(pixels(new int[][] {{1, 2, 3, 0}}, 50), 8, false)).isEmpty();
    assertThatThrownBy(() -> MedianCut.quantize(rgba, 0, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesGoToTheColoursInTheirRanges() {
    byte[] rgba = pixels(new int[][] {
        {220, 30, 30, 255}, // vibrant: s 0.76, l 0.49
        {20, 30, 90, 255}, // dark vibrant: s 0.64, l 0.22
        {245, 170, 200, 255}, // light vibrant: s 0.79, l 0.81
        {150, 125, 115, 255}, // muted: s 0.15, l 0.52
        {70, 60, 55, 255}}, // dark muted: s 0.12, l 0.25
        400, 300, 100, 100, 100);
    Map<String, int[]> dc = DominantColors.of(rgba, false);
    assertThat(dc.keySet()).containsExactly("vibrant", "light_vibrant", "dark_vibrant", "muted",
        "dark_muted");
    assertThat(dc.get("vibrant")[0]).isBetween(216, 224);
    assertThat(dc.get("dark_vibrant")[2]).isBetween(86, 94);
    assertThat(dc.get("light_vibrant")[1]).isBetween(166, 174);
    assertThat(dc.get("muted")[0]).isBetween(146, 154);
    assertThat(dc.get("dark_muted")[0]).isBetween(66, 74);
  }

  @Test
  void missingNamesAreBuiltFromTheFoundOnesOnlyWhenAsked() {
    byte[] red = pixels(new int[][] {{220, 30, 30, 255}}, 100);
    assertThat(DominantColors.of(red, false).keySet()).containsExactly("vibrant");
    Map<String, int[]> built = DominantColors.of(red, true);
    assertThat(built.keySet()).containsExactly("vibrant", "light_vibrant", "dark_vibrant",
        "muted", "light_muted", "dark_muted");
    DominantColors.Hsl vibrant = DominantColors.hsl(built.get("vibrant")[0],
        built.get("vibrant")[1], built.get("vibrant")[2]);
    DominantColors.Hsl dark = DominantColors.hsl(built.get("dark_vibrant")[0],
        built.get("dark_vibrant")[1], built.get("dark_vibrant")[2]);
    DominantColors.Hsl muted = DominantColors.hsl(built.get("muted")[0], built.get("muted")[1],
        built.get("muted")[2]);
    assertThat(dark.h()).isCloseTo(vibrant.h(), org.assertj.core.data.Offset.offset(0.01));
    assertThat(dark.l()).isCloseTo(0.26, org.assertj.core.data.Offset.offset(0.01));
    assertThat(muted.s()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.01));
    assertThat(DominantColors.of(new byte[0], true)).isEmpty();
  }

  @Test
  void hslRoundTripsEveryFifthColour() {
    for (int r = 0; r < 256; r += 5) {
      for (int g = 0; g < 256; g += 5) {
        for (int b = 0; b < 256; b += 5) {
          assertThat(DominantColors.rgb(DominantColors.hsl(r, g, b))).containsExactly(r, g, b);
        }
      }
    }
  }
}
