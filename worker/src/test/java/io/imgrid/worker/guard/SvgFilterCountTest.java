package io.imgrid.worker.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SvgFilterCountTest {
  private static int count(String svg) {
    return SvgFilterCount.count(svg.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "<g filter=\"url(#a)\"/>|1",
      "<g filter='url(#a)'/>|1",
      "<g filter = \" url(#a)\"/>|1",
      "<g style=\"opacity:1;filter:url(#a)\"/>|1",
      "<g style=\"filter: url(#a)\"/>|1",
      "<g filter=\"none\"/>|0",
      "<filter id=\"a\" filterUnits=\"userSpaceOnUse\"><feGaussianBlur/></filter>|0",
      "<text>filter=url(</text>|1",
      "<g filter=\"url(#a)\"><g filter=\"url(#b)\"><rect/></g></g>|2",
      "filter|0",
      "filter=|0"})
  void countsFilterReferences(String svg, int expected) {
    assertThat(count(svg)).isEqualTo(expected);
  }

  @Test
  void countsTwoHundredNestedFiltersInLinearTime() {
    StringBuilder b = new StringBuilder("<svg>");
    for (int i = 0; i < 200; i++) {
      b.append("<g filter=\"url(#f").append(i).append(")\">");
    }
    b.append("</g>".repeat(200)).append("</svg>");
    assertThat(count(b.toString())).isEqualTo(200);
    byte[] big = "filter".repeat(2_000_000).getBytes(StandardCharsets.US_ASCII);
    long start = System.nanoTime();
    assertThat(SvgFilterCount.count(big)).isZero();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
  }
}
