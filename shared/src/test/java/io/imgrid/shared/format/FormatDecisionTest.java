package io.imgrid.shared.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImageException;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.ProcessingOptions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FormatDecisionTest {
  private static final Set<ImageFormat> ALL =
      EnumSet.complementOf(EnumSet.of(ImageFormat.SVG));
  private static final AcceptBucket EVERYTHING = new AcceptBucket(true, true, true);
  private static final ProcessingOptions AUTO = ProcessingOptions.DEFAULT;

  private static FormatConfig cfg(String... kv) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return FormatConfig.from(Env.of(m));
  }

  private static ProcessingOptions format(ImageFormat f) {
    return ProcessingOptions.builder().format(f).build();
  }

  private static FormatDecision decide(
      ProcessingOptions o, ImageFormat src, boolean alpha, boolean animated, AcceptBucket b, FormatConfig c) {
    return FormatDecision.decide(o, src, alpha, animated, b, c, ALL);
  }

  private static FormatDecision encode(ImageFormat f) {
    return new FormatDecision(FormatDecision.Outcome.ENCODE, f);
  }

  @Test
  void preferredSourceFormatIsKept() {
    assertThat(decide(AUTO, ImageFormat.PNG, true, false, AcceptBucket.NONE, FormatConfig.DEFAULT))
        .isEqualTo(encode(ImageFormat.PNG));
    assertThat(decide(AUTO, ImageFormat.JPEG, false, false, AcceptBucket.NONE, FormatConfig.DEFAULT))
        .isEqualTo(encode(ImageFormat.JPEG));
  }

  @Test
  void otherSourcesGetTheFirstPreferredThatFits() {
    FormatConfig c = FormatConfig.DEFAULT;
    assertThat(decide(AUTO, ImageFormat.WEBP, false, false, AcceptBucket.NONE, c))
        .isEqualTo(encode(ImageFormat.JPEG));
    assertThat(decide(AUTO, ImageFormat.WEBP, true, false, AcceptBucket.NONE, c))
        .isEqualTo(encode(ImageFormat.PNG));
    assertThat(decide(AUTO, ImageFormat.WEBP, false, true, AcceptBucket.NONE, c))
        .isEqualTo(encode(ImageFormat.GIF));
    // alpha expected from padding or extend, unless a background flattens it
    ProcessingOptions pad = ProcessingOptions.builder().padding(new Padding(1, 1, 1, 1)).build();
    assertThat(decide(pad, ImageFormat.HEIC, false, false, AcceptBucket.NONE, c))
        .isEqualTo(encode(ImageFormat.PNG));
    ProcessingOptions ext = ProcessingOptions.builder().extend(new Extend(true, Gravity.CENTER)).build();
    assertThat(decide(ext, ImageFormat.HEIC, false, false, AcceptBucket.NONE, c))
        .isEqualTo(encode(ImageFormat.PNG));
    ProcessingOptions bg = ext.toBuilder().background(Color.WHITE).build();
    assertThat(decide(bg, ImageFormat.HEIC, true, false, AcceptBucket.NONE, c))
        .isEqualTo(encode(ImageFormat.JPEG));
    // nothing fits: the first preferred
    FormatConfig jpegOnly = cfg("IMGPROXY_PREFERRED_FORMATS", "jpeg");
    assertThat(decide(AUTO, ImageFormat.WEBP, true, true, AcceptBucket.NONE, jpegOnly))
        .isEqualTo(encode(ImageFormat.JPEG));
  }

  @Test
  void autoPrefersJxlThenAvifThenWebp() {
    FormatConfig c =
        cfg("IMGPROXY_AUTO_WEBP", "1", "IMGPROXY_AUTO_AVIF", "1", "IMGPROXY_AUTO_JXL", "1");
    assertThat(decide(AUTO, ImageFormat.JPEG, false, false, EVERYTHING, c))
        .isEqualTo(encode(ImageFormat.JXL));
    assertThat(decide(AUTO, ImageFormat.JPEG, false, false, new AcceptBucket(true, true, false), c))
        .isEqualTo(encode(ImageFormat.AVIF));
    assertThat(decide(AUTO, ImageFormat.JPEG, false, false, new AcceptBucket(true, false, false), c))
        .isEqualTo(encode(ImageFormat.WEBP));
    // animations skip AVIF and JXL
    assertThat(decide(AUTO, ImageFormat.GIF, false, true, EVERYTHING, c))
        .isEqualTo(encode(ImageFormat.WEBP));
    // auto never overrides an explicit format
    assertThat(decide(format(ImageFormat.PNG), ImageFormat.JPEG, false, false, EVERYTHING, c))
        .isEqualTo(encode(ImageFormat.PNG));
  }

  @Test
  void bucketFlagsForFormatsNotNegotiatedAreIgnored() {
    FormatConfig webp = cfg("IMGPROXY_AUTO_WEBP", "1");
    assertThat(decide(AUTO, ImageFormat.JPEG, false, false, EVERYTHING, webp))
        .isEqualTo(encode(ImageFormat.WEBP));
    assertThat(decide(AUTO, ImageFormat.JPEG, false, false, EVERYTHING, FormatConfig.DEFAULT))
        .isEqualTo(encode(ImageFormat.JPEG));
  }

  @Test
  void enforceOverridesAnExplicitFormat() {
    FormatConfig c = cfg("IMGPROXY_ENFORCE_AVIF", "1", "IMGPROXY_ENFORCE_WEBP", "1");
    assertThat(decide(format(ImageFormat.PNG), ImageFormat.JPEG, false, false, EVERYTHING, c))
        .isEqualTo(encode(ImageFormat.AVIF));
    assertThat(decide(format(ImageFormat.PNG), ImageFormat.GIF, false, true, EVERYTHING, c))
        .isEqualTo(encode(ImageFormat.WEBP));
    assertThat(decide(format(ImageFormat.PNG), ImageFormat.JPEG, false, false, AcceptBucket.NONE, c))
        .isEqualTo(encode(ImageFormat.PNG));
    // AUTO alone doesn't override
    FormatConfig auto = cfg("IMGPROXY_AUTO_AVIF", "1");
    assertThat(decide(format(ImageFormat.PNG), ImageFormat.JPEG, false, false, EVERYTHING, auto))
        .isEqualTo(encode(ImageFormat.PNG));
  }

  @Test
  void svgSources() {
    FormatDecision svg = new FormatDecision(FormatDecision.Outcome.SOURCE_SVG, ImageFormat.SVG);
    assertThat(decide(AUTO, ImageFormat.SVG, true, false, AcceptBucket.NONE, FormatConfig.DEFAULT))
        .isEqualTo(svg);
    assertThat(decide(format(ImageFormat.SVG), ImageFormat.SVG, true, false, AcceptBucket.NONE, cfg("IMGPROXY_ALWAYS_RASTERIZE_SVG", "1")))
        .isEqualTo(svg);
    assertThat(decide(AUTO, ImageFormat.SVG, true, false, AcceptBucket.NONE, cfg("IMGPROXY_ALWAYS_RASTERIZE_SVG", "1")))
        .isEqualTo(encode(ImageFormat.PNG));
    assertThat(decide(format(ImageFormat.PNG), ImageFormat.SVG, true, false, AcceptBucket.NONE, FormatConfig.DEFAULT))
        .isEqualTo(encode(ImageFormat.PNG));
  }

  @Test
  void svgFromARasterIsUnsupported() {
    assertThatThrownBy(
            () -> decide(format(ImageFormat.SVG), ImageFormat.PNG, true, false, AcceptBucket.NONE, FormatConfig.DEFAULT))
        .isInstanceOfSatisfying(
            ImageException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_FORMAT);
              assertThat(e.status()).isEqualTo(422);
            });
  }

  @Test
  void skipProcessingPassesTheSourceThrough() {
    FormatDecision pass = new FormatDecision(FormatDecision.Outcome.PASSTHROUGH, ImageFormat.GIF);
    ProcessingOptions skp = ProcessingOptions.builder().skipProcessing(Set.of(ImageFormat.GIF)).build();
    assertThat(decide(skp, ImageFormat.GIF, false, true, AcceptBucket.NONE, FormatConfig.DEFAULT))
        .isEqualTo(pass);
    assertThat(decide(skp.toBuilder().format(ImageFormat.GIF).build(), ImageFormat.GIF, false, true, AcceptBucket.NONE, FormatConfig.DEFAULT))
        .isEqualTo(pass);
    // another explicit format processes
    assertThat(decide(skp.toBuilder().format(ImageFormat.PNG).build(), ImageFormat.GIF, false, true, AcceptBucket.NONE, FormatConfig.DEFAULT))
        .isEqualTo(encode(ImageFormat.PNG));
    // the setting and the option are merged
    FormatConfig c = cfg("IMGPROXY_SKIP_PROCESSING_FORMATS", "gif");
    assertThat(decide(AUTO, ImageFormat.GIF, false, true, EVERYTHING, c)).isEqualTo(pass);
    assertThat(decide(AUTO, ImageFormat.JPEG, false, false, AcceptBucket.NONE, c))
        .isEqualTo(encode(ImageFormat.JPEG));
  }

  @Test
  void formatsThisWorkerCantSave() {
    Set<ImageFormat> noAvif = EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP);
    assertThatThrownBy(
            () -> FormatDecision.decide(format(ImageFormat.AVIF), ImageFormat.JPEG, false, false, AcceptBucket.NONE, FormatConfig.DEFAULT, noAvif))
        .isInstanceOf(ImageException.class);
    // a negotiated format it can't save falls through to the next choice
    FormatConfig c = cfg("IMGPROXY_AUTO_AVIF", "1", "IMGPROXY_AUTO_WEBP", "1");
    assertThat(FormatDecision.decide(AUTO, ImageFormat.JPEG, false, false, EVERYTHING, c, noAvif))
        .isEqualTo(encode(ImageFormat.WEBP));
    // unsavable preferred formats are dropped: GIF source, gif not savable -> jpeg
    assertThat(FormatDecision.decide(AUTO, ImageFormat.GIF, false, false, AcceptBucket.NONE, FormatConfig.DEFAULT, noAvif))
        .isEqualTo(encode(ImageFormat.JPEG));
    // none of the preferred formats can be saved
    assertThatThrownBy(
            () -> FormatDecision.decide(AUTO, ImageFormat.TIFF, false, false, AcceptBucket.NONE, FormatConfig.DEFAULT, EnumSet.of(ImageFormat.WEBP)))
        .isInstanceOf(ImageException.class);
  }

  @Test
  void avifBelowSixteenPixelsFallsBack() {
    assertThat(FormatDecision.avifFallback(ImageFormat.AVIF, 15, 100, true)).isEqualTo(ImageFormat.PNG);
    assertThat(FormatDecision.avifFallback(ImageFormat.AVIF, 100, 15, false)).isEqualTo(ImageFormat.JPEG);
    assertThat(FormatDecision.avifFallback(ImageFormat.AVIF, 16, 16, false)).isEqualTo(ImageFormat.AVIF);
    assertThat(FormatDecision.avifFallback(ImageFormat.WEBP, 1, 1, false)).isEqualTo(ImageFormat.WEBP);
  }
}
