package io.imgrid.shared.url;

import static io.imgrid.shared.url.Parsers.parser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.config.ConfigException;
import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.UrlConfig;
import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.options.ProcessingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presets: default, inline, unknown, recursion, from a file, validated at startup. */
class PresetsTest {
  static ProcessingOptions opts(UrlParser p, String segments) {
    return p.parse("/_/" + segments + "/plain/http://a.com/x.jpg").options();
  }

  @Test
  void defaultPresetFirstThenUrlOptionsWin() {
    UrlParser p = parser("IMGPROXY_PRESETS", "default=q:50/w:100,small=w:10");
    assertThat(opts(p, "h:5").quality()).isEqualTo(50);
    assertThat(opts(p, "h:5").width()).isEqualTo(100);
    assertThat(opts(p, "w:7").width()).isEqualTo(7);
  }

  @Test
  void inlinePresetAppliesAtItsPosition() {
    UrlParser p = parser("IMGPROXY_PRESETS", "small=w:10/h:10,sharp=sh:2");
    assertThat(opts(p, "w:99/pr:small").width()).isEqualTo(10);
    assertThat(opts(p, "pr:small/w:99").width()).isEqualTo(99);
    ProcessingOptions both = opts(p, "preset:small:sharp");
    assertThat(both.height()).isEqualTo(10);
    assertThat(both.sharpen()).isEqualTo(2);
  }

  @Test
  void unknownPresetIs404() {
    UrlParser p = parser("IMGPROXY_PRESETS", "small=w:10");
    assertThatThrownBy(() -> opts(p, "pr:big"))
        .isInstanceOfSatisfying(
            io.imgrid.shared.error.RequestException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_URL));
  }

  @Test
  void recursionIsSkippedNotFatal() {
    UrlParser p = parser("IMGPROXY_PRESETS", "a=w:10/pr:b,b=h:20/pr:a,self=pr:self/q:30");
    ProcessingOptions o = opts(p, "pr:a");
    assertThat(o.width()).isEqualTo(10);
    assertThat(o.height()).isEqualTo(20);
    assertThat(opts(p, "pr:self").quality()).isEqualTo(30);
  }

  @Test
  void customSeparatorAndCommentsInFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("presets.txt");
    Files.writeString(file, "# thumbnails\n\nthumb=rs:fill:64:64\n  logo = bg:fff/q:90  \n");
    UrlParser p =
        parser("IMGPROXY_PRESETS_PATH", file.toString(), "IMGPROXY_PRESETS", "a=w:1;b=w:2",
            "IMGPROXY_PRESETS_SEPARATOR", ";");
    assertThat(opts(p, "pr:thumb").width()).isEqualTo(64);
    assertThat(opts(p, "pr:logo").quality()).isEqualTo(90);
    assertThat(opts(p, "pr:b").width()).isEqualTo(2);
  }

  @Test
  void badPresetsAreConfigProblemsReportedTogether() {
    Env env =
        Env.of(Map.of("IMGPROXY_PRESETS",
            "noequals,a=b=c,=w:1,empty=,url=w:1/plain/http://x,bad=w:-1,sec=msr:1,unk=nope:1"));
    UrlConfig.from(env);
    assertThat(env.problems()).hasSize(8);
    assertThatThrownBy(env::validate).isInstanceOf(ConfigException.class);
  }

  @Test
  void missingPresetsFileIsAProblem() {
    Env env = Env.of(Map.of("IMGPROXY_PRESETS_PATH", "/nonexistent/presets.txt"));
    UrlConfig.from(env);
    assertThat(env.problems()).singleElement().asString().contains("IMGPROXY_PRESETS_PATH");
  }

  @Test
  void securityPresetAllowedWhenSecurityOptionsAre() {
    UrlParser p = parser("IMGPROXY_PRESETS", "sec=msr:1", "IMGPROXY_ALLOW_SECURITY_OPTIONS", "1");
    assertThat(opts(p, "pr:sec").limits().maxSrcResolution()).isEqualTo(1_000_000);
  }
}
