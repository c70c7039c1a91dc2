package io.imgrid.shared.url;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.OptionDefaults;
import io.imgrid.shared.config.SigningConfig;
import io.imgrid.shared.config.UrlConfig;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.Crop;
import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.Presets;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.shared.options.Trim;
import io.imgrid.shared.options.Watermark;
import io.imgrid.shared.options.WatermarkPosition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random options → UrlBuilder → sign → UrlParser → the same options and source. */
class UrlRoundTripPropertyTest {
  private static final byte[] KEY = "k3y".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SALT = "s4lt".getBytes(StandardCharsets.UTF_8);
  private static final UrlConfig SECURE =
      new UrlConfig("", ":", Presets.NONE, false, List.of(), true, false, List.of(), "",
          AllowedSources.ANY);
  private static final UrlParser PARSER =
      new UrlParser(SigningConfig.of(KEY, SALT, 32), SECURE, OptionDefaults.DEFAULT, Parsers.CLOCK);

  @Property(tries = 300)
  void buildSignParseIsIdentity(
      @ForAll("options") ProcessingOptions target,
      @ForAll("sources") String source,
      @ForAll("sourceForm") int form) {
    UrlBuilder b = UrlBuilder.create().options(target);
    if (form == 0) {
      b.plain(source);
    } else {
      b.base64(source, form == 1 ? 0 : 16);
    }
    ParsedUrl parsed = PARSER.parse(b.sign(KEY, SALT, 32));
    assertThat(parsed.options()).isEqualTo(target);
    assertThat(parsed.sourceUrl()).isEqualTo(source);
  }

  @Provide
  Arbitrary<Integer> sourceForm() {
    return Arbitraries.integers().between(0, 2);
  }

  @Provide
  Arbitrary<String> sources() {
    Arbitrary<String> tail = Arbitraries.strings().withChars("abcXYZ019-_.~%@?# éü✓+=&").ofMaxLength(20);
    return tail.map(t -> "https://img.example.com/a/" + t);
  }

  private static Arbitrary<Double> dec(double min, double max) {
    return Arbitraries.doubles().between(min, max).ofScale(3);
  }

  private static Arbitrary<Gravity> gravity(boolean allowSmart) {
    Arbitrary<GravityType> types =
        Arbitraries.of(GravityType.class).filter(t -> allowSmart || t != GravityType.SMART);
    return types.flatMap(t -> {
      if (t == GravityType.SMART) {
        return Arbitraries.just(new Gravity(t, 0, 0));
      }
      if (t == GravityType.FOCUS_POINT) {
        return Combinators.combine(dec(0, 1), dec(0, 1)).as((x, y) -> new Gravity(t, x, y));
      }
      return Combinators.combine(dec(-500, 500), dec(-500, 500)).as((x, y) -> new Gravity(t, x, y));
    });
  }

  private static Arbitrary<Color> color() {
    Arbitrary<Integer> c = Arbitraries.integers().between(0, 255);
    return Combinators.combine(c, c, c).as(Color::new);
  }

  @Provide
  Arbitrary<ProcessingOptions> options() {
    Arbitrary<Integer> size = Arbitraries.integers().between(0, 5000);
    Arbitrary<Boolean> bool = Arbitraries.of(true, false);
    return Builders.withBuilder(ProcessingOptions::builder)
        .use(Arbitraries.of(ResizingType.class)).in((b, v) -> b.resizingType(v))
        .use(size).in((b, v) -> b.width(v))
        .use(size).in((b, v) -> b.height(v))
        .use(size).withProbability(0.3).in((b, v) -> b.minWidth(v))
        .use(size).withProbability(0.3).in((b, v) -> b.minHeight(v))
        .use(Combinators.combine(dec(0.001, 10), dec(0.001, 10)).as((x, y) -> new double[] {x, y}))
            .withProbability(0.3).in((b, v) -> b.zoomX(v[0]).zoomY(v[1]))
        .use(dec(0.5, 4)).withProbability(0.3).in((b, v) -> b.dpr(v))
        .use(bool).in((b, v) -> b.enlarge(v))
        .use(Combinators.combine(bool, gravity(false)).as(Extend::new)).withProbability(0.3).in((b, v) -> b.extend(v))
        .use(Combinators.combine(bool, gravity(false)).as(Extend::new)).withProbability(0.3)
            .in((b, v) -> b.extendAspectRatio(v))
        .use(gravity(true)).withProbability(0.5).in((b, v) -> b.gravity(v))
        .use(Combinators.combine(dec(0, 2000), dec(0, 2000), gravity(true).injectNull(0.5)).as(Crop::new))
            .withProbability(0.3).in((b, v) -> b.crop(v))
        .use(Combinators.combine(dec(0, 100), color().injectNull(0.5), bool, bool).as(Trim::new))
            .withProbability(0.3).in((b, v) -> b.trim(v))
        .use(Combinators.combine(size, size, size, size).as(Padding::new)).withProbability(0.3)
            .in((b, v) -> b.padding(v))
        .use(bool).in((b, v) -> b.autoRotate(v))
        .use(Arbitraries.of(0, 90, 180, 270)).in((b, v) -> b.rotate(v))
        .use(bool).in((b, v) -> b.flipHorizontal(v))
        .use(bool).in((b, v) -> b.flipVertical(v))
        .use(color()).withProbability(0.3).in((b, v) -> b.background(v))
        .use(dec(0.001, 50)).withProbability(0.3).in((b, v) -> b.blur(v))
        .use(dec(0.001, 50)).withProbability(0.3).in((b, v) -> b.sharpen(v))
        .use(Arbitraries.integers().between(0, 64)).withProbability(0.3).in((b, v) -> b.pixelate(v))
        .use(Combinators.combine(dec(0, 1), Arbitraries.of(WatermarkPosition.class), dec(-50, 50),
                dec(-50, 50), Arbitraries.of(0d, 0.25, 1.5)).as(Watermark::new))
            .withProbability(0.3).in((b, v) -> b.watermark(v))
        .use(bool).in((b, v) -> b.stripMetadata(v))
        .use(bool).in((b, v) -> b.keepCopyright(v))
        .use(bool).in((b, v) -> b.stripColorProfile(v))
        .use(bool).in((b, v) -> b.preserveHdr(v))
        .use(bool).in((b, v) -> b.enforceThumbnail(v))
        .use(Arbitraries.integers().between(1, 100)).withProbability(0.5).in((b, v) -> b.quality(v))
        .use(Arbitraries.maps(Arbitraries.of(ImageFormat.class), Arbitraries.integers().between(1, 100))
                .ofMaxSize(3)).in((b, v) -> b.formatQuality(v))
        .use(Arbitraries.integers().between(0, 1_000_000)).withProbability(0.3).in((b, v) -> b.maxBytes(v))
        .use(Arbitraries.of(ImageFormat.class)).withProbability(0.5).in((b, v) -> b.format(v))
        .use(Arbitraries.of(ImageFormat.class).set().ofMaxSize(3)).in((b, v) -> b.skipProcessing(v))
        .use(bool).in((b, v) -> b.raw(v))
        .use(Arbitraries.strings().withChars("abcXYZ09._~-").ofMaxLength(10)).in((b, v) -> b.cachebuster(v))
        .use(Arbitraries.longs().between(Parsers.NOW.getEpochSecond(), 4_000_000_000L))
            .withProbability(0.3).in((b, v) -> b.expires(v))
        .use(Arbitraries.strings().ofMinLength(1).ofMaxLength(12)).withProbability(0.3).in((b, v) -> b.filename(v))
        .use(bool).in((b, v) -> b.returnAttachment(v))
        .use(Combinators.combine(
                Arbitraries.longs().between(0, 500_000_000),
                Arbitraries.longs().between(-5, 1L << 40),
                Arbitraries.integers().between(1, 1000),
                Arbitraries.longs().between(0, 100_000_000),
                Arbitraries.integers().between(-5, 100_000))
            .as((r, fs, fr, frr, d) -> new SecurityLimits(r, fs, fr, frr, d)))
            .withProbability(0.3).in((b, v) -> b.limits(v))
        .build(ProcessingOptions.Builder::build);
  }
}
