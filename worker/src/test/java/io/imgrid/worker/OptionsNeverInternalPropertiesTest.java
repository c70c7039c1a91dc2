package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.error.InternalException;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.options.OptionsParser;
import io.imgrid.shared.options.Presets;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.UrlOption;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random option sets the parser accepts, with extreme values (blur 100000, pixelate 2^31-1,
 * padding 2^31-1, zoom 10^6, dpr 10^4, watermark scale 10^9, negative trim thresholds…), on small
 * generated images with a watermark configured: processing answers or fails with a typed 4xx/503,
 * never with a 500 (InternalException), and never with "broken image" (the sources are valid, so
 * that would be a libvips refusal of an option value). A small max_src_resolution keeps every run fast.
 */
class OptionsNeverInternalPropertiesTest {
  private static final OptionsParser PARSER =
      new OptionsParser(Presets.NONE, List.of(), true, Clock.systemUTC());

  private static ImageProcessor processor;
  private static List<byte[]> sources;

  private static synchronized void setUp() {
    if (processor != null) {
      return;
    }
    TestImages.init();
    try (VipsScope scope = new VipsScope()) {
      VipsImage base = TestImages.solidAlpha(scope, 40, 30, 10, 200, 30, 255);
      VipsImage pattern = TestImages.place(base, TestImages.solidAlpha(scope, 12, 9, 250, 0, 0, 90),
          5, 4);
      VipsImage opaque = TestImages.place(TestImages.solid(scope, 31, 47, 255, 255, 255),
          TestImages.solid(scope, 8, 20, 0, 0, 255), 20, 3);
      sources = List.of(TestImages.png(pattern), TestImages.jpeg(opaque));
      byte[] mark = TestImages.png(TestImages.solidAlpha(scope, 6, 4, 0, 0, 0, 128));
      processor = Jobs.processor(Map.of("IMGPROXY_WATERMARK_DATA",
          Base64.getEncoder().encodeToString(mark)));
    } finally {
      Vips.threadShutdown();
    }
  }

  @Property(tries = 400)
  void parsedOptionsNeverGiveA500(@ForAll("optionSets") List<String> options,
      @ForAll("sourceIndex") int source) {
    setUp();
    ProcessingOptions o;
    try {
      ProcessingOptions.Builder b = ProcessingOptions.builder();
      List<UrlOption> parsed = new ArrayList<>();
      for (String option : options) {
        List<String> parts = Arrays.asList(option.split(":", -1));
        parsed.add(new UrlOption(parts.get(0), parts.subList(1, parts.size())));
      }
      parsed.add(new UrlOption("msr", List.of("0.06")));
      PARSER.applyUrlOptions(b, parsed);
      o = b.build();
    } catch (RequestException e) {
      Assume.that(false); // not valid per the parser: a 404 before any worker sees it
      return;
    }
    try {
      ProcessedImage out = processor.process(sources.get(source), o, AcceptBucket.NONE,
          Deadline.in(30_000));
      assertThat(out.bytes()).isNotEmpty();
    } catch (ImgridException e) {
      assertThat(e).as("options %s", options).isNotInstanceOf(InternalException.class);
      // the sources are valid: a libvips failure here would come from an option, not the source
      assertThat(e.kind()).as("options %s: %s", options, e).isNotEqualTo(ErrorKind.BROKEN_IMAGE);
      assertThat(e.status()).as("options %s: %s", options, e).isBetween(400, 503);
    }
  }

  @Provide
  Arbitrary<Integer> sourceIndex() {
    return Arbitraries.integers().between(0, 1);
  }

  @Provide
  Arbitrary<List<String>> optionSets() {
    Arbitrary<String> size = Arbitraries.of("0", "1", "7", "40", "300", "1000", "60000",
        "2147483647");
    Arbitrary<String> bool = Arbitraries.of("0", "1");
    Arbitrary<String> gravity = Arbitraries.of("ce", "no", "so", "ea", "we", "noea", "nowe",
        "soea", "sowe");
    Arbitrary<String> offset = Arbitraries.of("0", "-1000000000", "-0.5", "0.3", "5", "-7",
        "1e12", "-1e300");
    Arbitrary<String> positiveFloat = Arbitraries.of("0.0000001", "0.001", "0.5", "1", "2.5",
        "100", "100000", "1e9");
    Arbitrary<String> one = Arbitraries.oneOf(
        Arbitraries.of("fit", "fill", "fill-down", "force", "auto").flatMap(rt -> size.flatMap(w ->
            size.flatMap(h -> bool.flatMap(el -> bool.map(ex ->
                "rs:" + rt + ":" + w + ":" + h + ":" + el + ":" + ex))))),
        size.map(v -> "w:" + v),
        size.map(v -> "h:" + v),
        size.map(v -> "mw:" + v),
        size.map(v -> "mh:" + v),
        positiveFloat.map(v -> "z:" + v),
        positiveFloat.map(v -> "dpr:" + v),
        Arbitraries.just("el:1"),
        gravity.flatMap(g -> offset.flatMap(x -> offset.map(y -> "ex:1:" + g + ":" + x + ":"
            + y))),
        gravity.map(g -> "exar:1:" + g),
        gravity.flatMap(g -> offset.flatMap(x -> offset.map(y -> "g:" + g + ":" + x + ":" + y))),
        Arbitraries.of("g:sm", "g:fp:0.2:0.9", "g:fp:1:0"),
        Arbitraries.of("0", "0.5", "3", "1e9").flatMap(w ->
            Arbitraries.of("0", "0.9", "11", "2e9").map(h -> "c:" + w + ":" + h)),
        Arbitraries.of("-50", "0", "10", "1e9").flatMap(t ->
            Arbitraries.of("", "ffffff", "00f").map(c -> "t:" + t + ":" + c + ":1:0")),
        Arbitraries.of("0", "1", "10", "1000", "2147483647").list().ofMinSize(1).ofMaxSize(4)
            .map(p -> "pd:" + String.join(":", p)),
        Arbitraries.of("rot:90", "rot:180", "rot:-90", "fl:1:1", "ar:0", "bg:ff0000", "bg:",
            "sm:0", "kcr:1", "scp:0", "eth:1"),
        positiveFloat.map(v -> "bl:" + v),
        positiveFloat.map(v -> "sh:" + v),
        Arbitraries.of("0", "1", "2", "7", "1000", "2147483647").map(v -> "pix:" + v),
        Arbitraries.of("0", "0.5", "1").flatMap(op ->
            Arbitraries.of("ce", "noea", "sowe", "re").flatMap(pos ->
                offset.flatMap(x -> offset.flatMap(y -> positiveFloat.map(s ->
                    "wm:" + op + ":" + pos + ":" + x + ":" + y + ":" + s))))),
        Arbitraries.integers().between(1, 100).map(q -> "q:" + q),
        Arbitraries.of("1", "100", "1000000").map(v -> "mb:" + v),
        Arbitraries.of("jpg", "png", "webp", "gif", "avif", "tiff", "bmp", "ico")
            .map(f -> "f:" + f),
        Arbitraries.of("1", "10", "100").map(v -> "mrd:" + v));
    return one.list().ofMinSize(1).ofMaxSize(6);
  }
}
