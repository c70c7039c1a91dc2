package io.imgrid.shared.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PositionTest {

  /** Centre is roundEven((W - w + 1) / 2): 30.5 -> 30 across, 15.5 -> 16 down. */
  @ParameterizedTest(name = "{0} in 100x50 for 40x20 -> {1},{2}")
  @CsvSource({
    "CENTER, 30, 16",
    "NORTH, 30, 0",
    "SOUTH, 30, 30",
    "EAST, 60, 16",
    "WEST, 0, 16",
    "NORTH_EAST, 60, 0",
    "NORTH_WEST, 0, 0",
    "SOUTH_EAST, 60, 30",
    "SOUTH_WEST, 0, 30",
    "SMART, 30, 16",
  })
  void anchors(GravityType type, int left, int top) {
    assertThat(Position.of(type, 100, 50, 40, 20, 0, 0)).isEqualTo(new Position(left, top));
  }

  @Test
  void centreRoundsTheOddPixelToEven() {
    // (10 - 6 + 1) / 2 = 2.5 -> 2 ; (11 - 6 + 1) / 2 = 3 ; (12 - 5 + 1) / 2 = 4 ; (9-2+1)/2 = 4
    assertThat(Position.of(GravityType.CENTER, 10, 10, 6, 6, 0, 0)).isEqualTo(new Position(2, 2));
    assertThat(Position.of(GravityType.CENTER, 11, 12, 6, 5, 0, 0)).isEqualTo(new Position(3, 4));
    // (8 - 1 + 1) / 2 = 4 ; (14 - 1 + 1) / 2 = 7 ; (7 - 4 + 1)/2 = 2 ; (8 - 3 + 1) / 2 = 3
    assertThat(Position.of(GravityType.CENTER, 8, 14, 1, 1, 0, 0)).isEqualTo(new Position(4, 7));
    // 3.5 rounds to 4, 4.5 rounds to 4
    assertThat(Position.of(GravityType.CENTER, 10, 12, 4, 4, 0, 0)).isEqualTo(new Position(4, 4));
  }

  @Test
  void pixelOffsetsPushInwardsFromEdges() {
    assertThat(Position.of(GravityType.EAST, 100, 50, 40, 20, 5, 0)).isEqualTo(new Position(55, 16));
    assertThat(Position.of(GravityType.SOUTH, 100, 50, 40, 20, 0, 5)).isEqualTo(new Position(30, 25));
    assertThat(Position.of(GravityType.NORTH_WEST, 100, 50, 40, 20, 5, 5))
        .isEqualTo(new Position(5, 5));
    assertThat(Position.of(GravityType.CENTER, 100, 50, 40, 20, -5, 5))
        .isEqualTo(new Position(25, 21));
  }

  @Test
  void pixelOffsetsScaleByDprAndFractionsByTheOuterSize() {
    Gravity px = new Gravity(GravityType.WEST, 5, 0);
    assertThat(Position.of(px, 100, 50, 40, 20, 2.0)).isEqualTo(new Position(10, 16));
    Gravity rel = new Gravity(GravityType.NORTH, 0, 0.1);
    assertThat(Position.of(rel, 100, 200, 40, 20, 2.0)).isEqualTo(new Position(30, 20));
  }

  @Test
  void resultIsClampedInside() {
    assertThat(Position.of(GravityType.WEST, 100, 50, 40, 20, 1000, -1000))
        .isEqualTo(new Position(60, 0));
    assertThat(Position.of(GravityType.EAST, 100, 50, 40, 20, 1000, 0))
        .isEqualTo(new Position(0, 16));
  }

  @Test
  void overflowKeepsOnePixelInside() {
    Gravity g = new Gravity(GravityType.WEST, 1000, -1000);
    assertThat(Position.of(g, 100, 50, 40, 20, 1, true)).isEqualTo(new Position(99, -19));
  }

  @Test
  void focusPointCentresTheInnerBoxOnThePoint() {
    assertThat(Position.of(GravityType.FOCUS_POINT, 200, 100, 50, 50, 0.5, 0.5))
        .isEqualTo(new Position(75, 25));
    assertThat(Position.of(GravityType.FOCUS_POINT, 200, 100, 50, 50, 0.1, 0.9))
        .isEqualTo(new Position(0, 50));
    assertThat(Position.of(GravityType.FOCUS_POINT, 200, 100, 50, 50, 0.75, 0.3))
        .isEqualTo(new Position(125, 5));
  }
}
