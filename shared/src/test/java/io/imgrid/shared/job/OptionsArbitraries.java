package io.imgrid.shared.job;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.Crop;
import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.shared.options.Trim;
import io.imgrid.shared.options.Watermark;
import io.imgrid.shared.options.WatermarkPosition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/** Any {@link ProcessingOptions} value the builder can make, including odd doubles. */
final class OptionsArbitraries {
  private OptionsArbitraries() {}

  static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.doubles().between(0, 1).ofScale(17),
        Arbitraries.of(
            0.0, -0.0, 1.0, 0.1 + 0.2, 1e300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE,
            Double.NaN, Double.POSITIVE_INFINITY, 1.0 / 3));
  }

  static Arbitrary<Gravity> gravities() {
    return Combinators.combine(Arbitraries.of(GravityType.class), doubles(), doubles())
        .as(Gravity::new);
  }

  static Arbitrary<Color> colors() {
    Arbitrary<Integer> c = Arbitraries.integers().between(0, 255);
    return Combinators.combine(c, c, c).as(Color::new);
  }

  static Arbitrary<String> strings() {
    // valid UTF-16 only: cachebusters come from percent-decoded UTF-8
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(20),
        Arbitraries.of("", "a;b=c", "%41", "ünï", "😀", "-", "cb:1/2?x=y&z"));
  }

  static Arbitrary<ProcessingOptions> options() {
    Arbitrary<Integer> ints = Arbitraries.integers();
    Arbitrary<Boolean> bools = Arbitraries.of(true, false);
    Arbitrary<Extend> extend = Combinators.combine(bools, gravities()).as(Extend::new);
    Arbitrary<Crop> crop =
        Combinators.combine(doubles(), doubles(), gravities().injectNull(0.4)).as(Crop::new);
    Arbitrary<Trim> trim =
        Combinators.combine(doubles(), colors().injectNull(0.4), bools, bools)
            .as(Trim::new)
            .injectNull(0.4);
    Arbitrary<Integer> nonNeg = Arbitraries.integers().greaterOrEqual(0);
    Arbitrary<Padding> padding = Combinators.combine(nonNeg, nonNeg, nonNeg, nonNeg).as(Padding::new);
    Arbitrary<Watermark> wm =
        Combinators.combine(doubles(), Arbitraries.of(WatermarkPosition.class), doubles(), doubles(), doubles())
            .as(Watermark::new);
    Arbitrary<SecurityLimits> limits =
        Combinators.combine(doubles(), Arbitraries.longs(), ints, doubles(), ints).as(SecurityLimits::new);
    Arbitrary<ImageFormat> formats = Arbitraries.of(ImageFormat.class);

    return Builders.withBuilder(ProcessingOptions::builder)
        .use(Arbitraries.of(ResizingType.class)).in((b, v) -> b.resizingType(v))
        .use(ints).in((b, v) -> b.width(v))
        .use(ints).in((b, v) -> b.height(v))
        .use(ints).in((b, v) -> b.minWidth(v))
        .use(ints).in((b, v) -> b.minHeight(v))
        .use(doubles()).in((b, v) -> b.zoomX(v))
        .use(doubles()).in((b, v) -> b.zoomY(v))
        .use(doubles()).in((b, v) -> b.dpr(v))
        .use(bools).in((b, v) -> b.enlarge(v))
        .use(extend).in((b, v) -> b.extend(v))
        .use(extend).in((b, v) -> b.extendAspectRatio(v))
        .use(gravities()).in((b, v) -> b.gravity(v))
        .use(crop).in((b, v) -> b.crop(v))
        .use(trim).in((b, v) -> b.trim(v))
        .use(padding).in((b, v) -> b.padding(v))
        .use(bools).in((b, v) -> b.autoRotate(v))
        .use(ints).in((b, v) -> b.rotate(v))
        .use(bools).in((b, v) -> b.flipHorizontal(v))
        .use(bools).in((b, v) -> b.flipVertical(v))
        .use(colors().injectNull(0.5)).in((b, v) -> b.background(v))
        .use(doubles()).in((b, v) -> b.blur(v))
        .use(doubles()).in((b, v) -> b.sharpen(v))
        .use(ints).in((b, v) -> b.pixelate(v))
        .use(wm).in((b, v) -> b.watermark(v))
        .use(bools).in((b, v) -> b.stripMetadata(v))
        .use(bools).in((b, v) -> b.keepCopyright(v))
        .use(bools).in((b, v) -> b.stripColorProfile(v))
        .use(bools).in((b, v) -> b.preserveHdr(v))
        .use(bools).in((b, v) -> b.enforceThumbnail(v))
        .use(ints).in((b, v) -> b.quality(v))
        .use(Arbitraries.maps(formats, ints).ofMaxSize(4)).in((b, v) -> b.formatQuality(v))
        .use(ints).in((b, v) -> b.maxBytes(v))
        .use(formats.injectNull(0.4)).in((b, v) -> b.format(v))
        .use(formats.set().ofMaxSize(4)).in((b, v) -> b.skipProcessing(v))
        .use(bools).in((b, v) -> b.raw(v))
        .use(strings()).in((b, v) -> b.cachebuster(v))
        .use(Arbitraries.longs()).in((b, v) -> b.expires(v))
        .use(strings().injectNull(0.4)).in((b, v) -> b.filename(v))
        .use(bools).in((b, v) -> b.returnAttachment(v))
        .use(limits).in((b, v) -> b.limits(v))
        .build(ProcessingOptions.Builder::build);
  }
}
