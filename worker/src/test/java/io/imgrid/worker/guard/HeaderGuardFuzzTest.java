package io.imgrid.worker.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.options.SecurityLimits;
import java.awt.image.BufferedImage;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the bytes, the guard answers with a SourceInfo or an ImageException, nothing else. */
class HeaderGuardFuzzTest {
  private static final List<byte[]> SEEDS = List.of(
      Fixtures.png(10, 12, Fixtures.actl(3)),
      Fixtures.imageIo("jpeg", 9, 9, BufferedImage.TYPE_INT_RGB),
      Fixtures.jpeg(100, 50, 6),
      Fixtures.gif(10, 10, 3, 5, 5),
      Fixtures.webpVp8(30, 20),
      Fixtures.webpVp8l(30, 20),
      Fixtures.webpVp8x(64, 48, 3, 64, 48),
      Fixtures.isobmff("heic", 10, 10, 20, 20),
      Fixtures.isobmff("avif", 10, 10),
      Fixtures.tiff(true, 10, 10, false, 3),
      Fixtures.tiff(false, 10, 10, true, 2),
      Fixtures.bmpHeader(10, -10),
      Fixtures.ico(0, 0, Fixtures.png(256, 256)),
      Fixtures.jxlCodestream("1" + Fixtures.bits(5, 5) + Fixtures.bits(0, 3) + "1011111"),
      Fixtures.jxlContainer(Fixtures.jxlCodestream("1" + Fixtures.bits(5, 5) + "1011"), 2),
      "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>".getBytes());

  @Property(tries = 3000)
  void mutatedHeadersOnlyEverFailWithImageException(@ForAll("mutated") byte[] data) {
    assertOnlyImageException(data);
  }

  @Property(tries = 1000)
  void randomBytesAfterAMagicOnlyEverFailWithImageException(@ForAll("magicThenNoise") byte[] data) {
    assertOnlyImageException(data);
  }

  private static void assertOnlyImageException(byte[] data) {
    try {
      SourceInfo info = HeaderGuard.check(data, new SecurityLimits(1e12, 0, 1000, 0, 0));
      assertThat(info.width()).isNotNegative();
    } catch (ImageException expected) {
      assertThat(expected.status()).isEqualTo(422);
      // a reader defect is masked as "broken" in production; here it must not happen at all
      assertThat(expected.getCause()).isNull();
    }
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    Arbitrary<byte[]> seed = Arbitraries.of(SEEDS);
    Arbitrary<List<int[]>> edits = Combinators.combine(
            Arbitraries.integers().between(0, 400),
            Arbitraries.integers().between(0, 255),
            Arbitraries.integers().between(0, 3))
        .as((pos, value, op) -> new int[] {pos, value, op})
        .list().ofMaxSize(12);
    return Combinators.combine(seed, edits).as(HeaderGuardFuzzTest::apply);
  }

  @Provide
  Arbitrary<byte[]> magicThenNoise() {
    Arbitrary<byte[]> seed = Arbitraries.of(SEEDS);
    Arbitrary<Integer> keep = Arbitraries.integers().between(0, 24);
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Combinators.combine(seed, keep, noise).as((s, k, n) -> {
      int kept = Math.min(k, s.length);
      byte[] out = new byte[kept + n.length];
      System.arraycopy(s, 0, out, 0, kept);
      System.arraycopy(n, 0, out, kept, n.length);
      return out;
    });
  }

  /** Applies byte edits: 0 overwrite, 1 truncate, 2 set 0xFF, 3 set 0x00. */
  private static byte[] apply(byte[] seed, List<int[]> edits) {
    byte[] out = seed.clone();
    for (int[] e : edits) {
      if (out.length == 0) {
        break;
      }
      int pos = e[0] % out.length;
      switch (e[2]) {
        case 0 -> out[pos] = (byte) e[1];
        case 1 -> out = java.util.Arrays.copyOf(out, pos);
        case 2 -> out[pos] = (byte) 0xFF;
        default -> out[pos] = 0;
      }
    }
    return out;
  }
}
