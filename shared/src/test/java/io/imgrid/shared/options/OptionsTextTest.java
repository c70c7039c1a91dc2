package io.imgrid.shared.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.format.ImageFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTextTest {
  private final OptionsParser parser =
      new OptionsParser(
          Presets.parse(List.of("default=q:70"), ":", new ArrayList<>()),
          List.of(),
          false,
          Clock.systemUTC());

  @Test
  void readsDefaultPresetOptionsAndExtensionInThatOrder() {
    ProcessingOptions o =
        parser.parseOptionsText("rs:fill:400:300/f:png@webp", ":", ProcessingOptions.builder());

    assertThat(o.resizingType()).isEqualTo(ResizingType.FILL);
    assertThat(o.width()).isEqualTo(400);
    assertThat(o.quality()).isEqualTo(70);
    assertThat(o.format()).isEqualTo(ImageFormat.WEBP);
  }

  @Test
  void aDashMeansNoOptions() {
    ProcessingOptions o = parser.parseOptionsText("-", ":", ProcessingOptions.builder());

    assertThat(o).isEqualTo(ProcessingOptions.builder().quality(70).build());
  }

  @Test
  void aSegmentWithoutArgumentsIsAnInvalidUrl() {
    assertThatThrownBy(() -> parser.parseOptionsText("rs", ":", ProcessingOptions.builder()))
        .isInstanceOf(RequestException.class)
        .extracting(e -> ((RequestException) e).kind())
        .isEqualTo(ErrorKind.INVALID_URL);
  }
}
