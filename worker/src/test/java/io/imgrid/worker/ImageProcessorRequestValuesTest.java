package io.imgrid.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.options.OptionsParser;
import io.imgrid.shared.options.Presets;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.UrlOption;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each request-driven value that reaches a libvips argument, at its extreme: clamped into
 * libvips' range (an image comes out) or refused with a typed 422, never a 500.
 */
class ImageProcessorRequestValuesTest {
  private static final OptionsParser PARSER =
      new OptionsParser(Presets.NONE, List.of(), true, Clock.systemUTC());
  private static ImageProcessor processor;
  private static byte[] png;

  @BeforeAll
  static void setUp() {
    TestImages.init();
    try (VipsScope scope = new VipsScope()) {
      png = TestImages.png(TestImages.place(TestImages.solid(scope, 64, 48, 255, 255, 255),
          TestImages.solid(scope, 20, 10, 200, 0, 0), 10, 10));
      byte[] mark = TestImages.png(TestImages.solidAlpha(scope, 5, 3, 0, 0, 0, 128));
      processor = Jobs.processor(Map.of("IMGPROXY_WATERMARK_DATA",
          Base64.getEncoder().encodeToString(mark)));
    } finally {
      Vips.threadShutdown();
    }
  }

  static ProcessingOptions parse(String path) {
    ProcessingOptions.Builder b = ProcessingOptions.builder();
    List<UrlOption> options = new ArrayList<>();
    for (String segment : path.split("/")) {
      List<String> parts = Arrays.asList(segment.split(":", -1));
      options.add(new UrlOption(parts.get(0), parts.subList(1, parts.size())));
    }
    PARSER.applyUrlOptions(b, options);
    return b.build();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "bl:100000", "bl:1000", "bl:0.0000001", "sh:100000", "sh:0.000000001",
      "pix:2147483647", "pix:1000", "pix:48",
      "t:-50", "t:1e9",
      "wm:1:ce:1e12:-1e300:1e9", "wm:1:re:-5:1e12", "wm:0.5:re:1000000:7:0.0000001",
      "wm:1:noea:-1000000000:5:100",
      "z:0.0000001", "dpr:0.0000001", "dpr:10000", "z:1000000",
      "w:2147483647/h:2147483647", "ex:1:ce:1e12:-1e12/w:100/h:100",
      "g:so:1e12:-1e300/rs:fill:10:10", "c:1e9:2e9:noea:1e12:5", "rs:fit:1000:1000:1/msr:1", "sh:2000",
      "q:1/mb:1/f:jpg", "q:100/mb:1/f:webp", "mb:1/f:avif", "f:ico/w:1000/el:1",
  })
  void anExtremeValueIsClampedIntoAnImage(String path) {
    ProcessedImage out = Jobs.run(processor, png, parse(path));
    assertThat(out.bytes()).isNotEmpty();
    assertThat(out.width()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "rs:fill:60000:60000:1", "w:2147483647/el:1", "dpr:8/rs:fit:4000:4000:1",
      "pd:2147483647", "pd:1000000:0:1000000:0", "ex:1/rs:fit:100000:100000",
      "exar:1/rs:fill:100000:1:1/mrd:0", "z:1000000/el:1", "rs:fill:1001:1000:1/msr:1",
      "mw:100000/mh:100000", "mw:2147483647/mh:2147483647", "rs:fill:2147483647:1:0:1",
      "rs:force:20000000:1:1/msr:1000", "msr:0/rs:fill:8000:8000:1",
  })
  void aResultOverTheResolutionLimitIs422BeforeAnyPixelIsMade(String path) {
    assertThatThrownBy(() -> Jobs.run(processor, png, parse(path)))
        .isInstanceOfSatisfying(ImgridException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.RESULT_TOO_LARGE);
          assertThat(e.status()).isEqualTo(422);
        });
  }
}
