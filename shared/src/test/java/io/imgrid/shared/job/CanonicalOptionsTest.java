package io.imgrid.shared.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.Crop;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalOptionsTest {
  private static final String DEFAULT_TEXT =
      "imgrid-opts/1;rt=fit;w=0;h=0;mw=0;mh=0;z=1.0:1.0;dpr=1.0;el=0;ex=0:ce:0.0:0.0;"
          + "exar=0:ce:0.0:0.0;g=ce:0.0:0.0;c=0.0:0.0:-;t=-;pd=0:0:0:0;ar=1;rot=0;fl=0:0;bg=-;"
          + "bl=0.0;sh=0.0;pix=1;wm=0.0:ce:0.0:0.0:0.0;sm=1;kcr=1;scp=1;ph=0;eth=0;q=0;fq=-;mb=0;"
          + "f=-;skp=-;raw=0;cb=;lim=5.0E7:0:1:0.0:0";

  @Test
  void defaultsReadAsText() {
    assertThat(CanonicalOptions.encode(ProcessingOptions.DEFAULT)).isEqualTo(DEFAULT_TEXT);
    assertThat(CanonicalOptions.decode(DEFAULT_TEXT)).isEqualTo(ProcessingOptions.DEFAULT);
  }

  @Test
  void everyKindOfValueIsSpelledOneWay() {
    ProcessingOptions o =
        ProcessingOptions.builder()
            .resizingType(ResizingType.FILL_DOWN)
            .width(300)
            .crop(new Crop(0.5, 10, new Gravity(GravityType.FOCUS_POINT, 0.25, 0.75)))
            .background(new Color(255, 0, 16))
            .formatQuality(Map.of(ImageFormat.WEBP, 70, ImageFormat.JPEG, 90))
            .skipProcessing(Set.of(ImageFormat.SVG, ImageFormat.GIF))
            .format(ImageFormat.AVIF)
            .cachebuster("v 2;x=ü")
            .build();
    String text = CanonicalOptions.encode(o);
    assertThat(text)
        .contains(";rt=fill-down;w=300;")
        .contains(";c=0.5:10.0:fp:0.25:0.75;")
        .contains(";bg=ff0010;")
        .contains(";fq=jpeg:90,webp:70;")
        .contains(";skp=gif,svg;")
        .contains(";f=avif;")
        .contains(";cb=v%202%3Bx%3D%C3%BC;");
    assertThat(CanonicalOptions.decode(text)).isEqualTo(o);
  }

  @Test
  void headerOnlyOptionsAreLeftOut() {
    ProcessingOptions o =
        ProcessingOptions.builder().expires(1_900_000_000L).filename("x").returnAttachment(true).build();
    assertThat(CanonicalOptions.encode(o)).isEqualTo(DEFAULT_TEXT);
  }

  @Test
  void doublesAreExact() {
    ProcessingOptions o = ProcessingOptions.builder().dpr(0.1 + 0.2).zoomX(1.0 / 3).build();
    ProcessingOptions back = CanonicalOptions.decode(CanonicalOptions.encode(o));
    assertThat(back.dpr()).isEqualTo(0.1 + 0.2).isNotEqualTo(0.3);
    assertThat(back.zoomX()).isEqualTo(1.0 / 3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "imgrid-opts/2;rt=fit",
        "imgrid-opts/1",
        "imgrid-opts/1;rt=fit",
      })
  void rejectsGarbage(String text) {
    assertThatThrownBy(() -> CanonicalOptions.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("canonical options:");
  }

  @Test
  void rejectsMissingExtraOrMovedFields() {
    String missing = DEFAULT_TEXT.replace(";w=0;", ";");
    assertThatThrownBy(() -> CanonicalOptions.decode(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 35 fields");
    String extra = DEFAULT_TEXT + ";x=1";
    assertThatThrownBy(() -> CanonicalOptions.decode(extra)).isInstanceOf(IllegalArgumentException.class);
    String swapped = DEFAULT_TEXT.replace(";w=0;h=0;", ";h=0;w=0;");
    assertThatThrownBy(() -> CanonicalOptions.decode(swapped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'w'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rt=fit|rt=fits",
        "w=0|w=00",
        "w=0|w=+0",
        "w=0|w=x",
        "z=1.0:1.0|z=1:1.0",
        "z=1.0:1.0|z=1.0",
        "dpr=1.0|dpr=1e0",
        "el=0|el=false",
        "g=ce:0.0:0.0|g=re:0.0:0.0",
        "c=0.0:0.0:-|c=0.0:0.0",
        "pd=0:0:0:0|pd=0:0:0:-1",
        "bg=-|bg=FFFFFF",
        "bg=-|bg=fff",
        "fq=-|fq=webp:1,jpeg:2",
        "fq=-|fq=webp:1,webp:2",
        "fq=-|fq=tif:1",
        "f=-|f=jpg",
        "skp=-|skp=gif,png",
        "cb=|cb=a%2",
        "cb=|cb=%41",
        "cb=|cb=%c3%bc",
        "cb=|cb=a b",
        "cb=|cb=%FF",
        "lim=5.0E7:0:1:0.0:0|lim=5.0E7:0:1:0.0",
      })
  void rejectsNonCanonicalValues(String replacement) {
    String[] fromTo = replacement.split("\\|", -1);
    String bad = DEFAULT_TEXT.replace(";" + fromTo[0] + ";", ";" + fromTo[1] + ";");
    if (fromTo[0].startsWith("lim=")) {
      bad = DEFAULT_TEXT.replace(";" + fromTo[0], ";" + fromTo[1]);
    }
    assertThat(bad).isNotEqualTo(DEFAULT_TEXT);
    String text = bad;
    assertThatThrownBy(() -> CanonicalOptions.decode(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> CanonicalOptions.decode(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
