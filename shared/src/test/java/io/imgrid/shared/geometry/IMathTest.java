package io.imgrid.shared.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IMathTest {

  @Test
  void roundIsHalfAwayFromZero() {
    assertThat(IMath.round(2.5)).isEqualTo(3);
    assertThat(IMath.round(-2.5)).isEqualTo(-3);
    assertThat(IMath.round(3.5)).isEqualTo(4);
    assertThat(IMath.round(2.4999)).isEqualTo(2);
    assertThat(IMath.round(0.49999999999999994)).isEqualTo(0);
    assertThat(IMath.round(-0.4)).isEqualTo(0);
  }

  @Test
  void roundToEvenIsBankers() {
    assertThat(IMath.roundToEven(2.5)).isEqualTo(2);
    assertThat(IMath.roundToEven(3.5)).isEqualTo(4);
    assertThat(IMath.roundToEven(-2.5)).isEqualTo(-2);
    assertThat(IMath.roundToEven(2.6)).isEqualTo(3);
  }

  @Test
  void scaleAndShrinkKeepZero() {
    assertThat(IMath.scale(0, 1e9)).isZero();
    assertThat(IMath.scale(5, 0.5)).isEqualTo(3);
    assertThat(IMath.scaleToEven(5, 0.5)).isEqualTo(2);
    assertThat(IMath.shrink(5, 2)).isEqualTo(3);
    assertThat(IMath.shrinkToEven(5, 2)).isEqualTo(2);
    assertThat(IMath.shrinkToEven(0, 2)).isZero();
  }

  @Test
  void minNonZeroTreatsZeroAsUnset() {
    assertThat(IMath.minNonZero(0, 5)).isEqualTo(5);
    assertThat(IMath.minNonZero(5, 0)).isEqualTo(5);
    assertThat(IMath.minNonZero(3, 5)).isEqualTo(3);
    assertThat(IMath.minNonZero(0, 0)).isZero();
  }
}
