package io.imgrid.shared.url;

import static io.imgrid.shared.url.Parsers.parser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.Color;
import io.imgrid.shared.options.Crop;
import io.imgrid.shared.options.Extend;
import io.imgrid.shared.options.Gravity;
import io.imgrid.shared.options.GravityType;
import io.imgrid.shared.options.OptionsParser;
import io.imgrid.shared.options.Padding;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.shared.options.Trim;
import io.imgrid.shared.options.Watermark;
import io.imgrid.shared.options.WatermarkPosition;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every OSS option: a valid form, invalid forms, and every alias (contract §3.1–3.3). */
class OptionsParsingTest {
  private static final UrlParser P = parser();
  private static final UrlParser SECURE = parser("IMGPROXY_ALLOW_SECURITY_OPTIONS", "true");

  static ProcessingOptions opts(String segments) {
    return opts(P, segments);
  }

  static ProcessingOptions opts(UrlParser p, String segments) {
    return p.parse("/_/" + segments + "/plain/http://a.com/x.jpg").options();
  }

  static void rejected(UrlParser p, String segments, ErrorKind kind) {
    assertThatThrownBy(() -> opts(p, segments))
        .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void tableHasAll45OptionsWithAliases() {
    assertThat(OptionsParser.optionNames())
        .contains("resize", "rs", "size", "s", "resizing_type", "rt", "width", "w", "height", "h",
            "min-width", "mw", "min-height", "mh", "zoom", "z", "dpr", "enlarge", "el", "extend",
            "ex", "extend_aspect_ratio", "extend_ar", "exar", "gravity", "g", "crop", "c", "trim",
            "t", "padding", "pd", "auto_rotate", "ar", "rotate", "rot", "flip", "fl", "background",
            "bg", "blur", "bl", "sharpen", "sh", "pixelate", "pix", "watermark", "wm",
            "strip_metadata", "sm", "keep_copyright", "kcr", "strip_color_profile", "scp",
            "preserve_hdr", "ph", "enforce_thumbnail", "eth", "quality", "q", "format_quality",
            "fq", "max_bytes", "mb", "format", "f", "ext", "skip_processing", "skp", "raw",
            "cachebuster", "cb", "expires", "exp", "filename", "fn", "return_attachment", "att",
            "preset", "pr", "max_src_resolution", "msr", "max_src_file_size", "msfs",
            "max_animation_frames", "maf", "max_animation_frame_resolution", "mafr",
            "max_result_dimension", "mrd")
        .hasSize(90);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "resize:fill:10:20:1:1:no:2:3 | rs:fill:10:20:1:1:no:2:3",
        "size:10:20:1:1:so | s:10:20:1:1:so",
        "resizing_type:force | rt:force",
        "width:5 | w:5",
        "height:5 | h:5",
        "min-width:5 | mw:5",
        "min-height:5 | mh:5",
        "zoom:2:3 | z:2:3",
        "enlarge:1 | el:1",
        "extend:1:we:1:2 | ex:1:we:1:2",
        "extend_aspect_ratio:1:ea | extend_ar:1:ea",
        "extend_aspect_ratio:1:ea | exar:1:ea",
        "gravity:fp:0.2:0.7 | g:fp:0.2:0.7",
        "crop:10:20:sowe:1:2 | c:10:20:sowe:1:2",
        "trim:10:fff:1:0 | t:10:fff:1:0",
        "padding:1:2:3:4 | pd:1:2:3:4",
        "auto_rotate:0 | ar:0",
        "rotate:90 | rot:90",
        "flip:1:1 | fl:1:1",
        "background:ff0000 | bg:255:0:0",
        "blur:2.5 | bl:2.5",
        "sharpen:0.5 | sh:0.5",
        "pixelate:8 | pix:8",
        "watermark:0.5:re:10:20:0.3 | wm:0.5:re:10:20:0.3",
        "strip_metadata:0 | sm:0",
        "keep_copyright:0 | kcr:0",
        "strip_color_profile:0 | scp:0",
        "preserve_hdr:1 | ph:1",
        "enforce_thumbnail:1 | eth:1",
        "quality:80 | q:80",
        "format_quality:jpeg:70:webp:60 | fq:jpg:70:webp:60",
        "max_bytes:1000 | mb:1000",
        "format:webp | f:webp",
        "format:webp | ext:webp",
        "skip_processing:gif:svg | skp:gif:svg",
        "cachebuster:v2 | cb:v2",
        "expires:1999999999 | exp:1999999999",
        "filename:cat | fn:cat",
        "return_attachment:1 | att:1",
        "raw:1 | raw:true",
      })
  void aliasesMeanTheSame(String longForm, String shortForm) {
    assertThat(opts(shortForm)).isEqualTo(opts(longForm)).isNotEqualTo(opts("w:0"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "max_src_resolution:2.5 | msr:2.5",
        "max_src_file_size:100 | msfs:100",
        "max_animation_frames:3 | maf:3",
        "max_animation_frame_resolution:1 | mafr:1",
        "max_result_dimension:500 | mrd:500",
      })
  void securityAliases(String longForm, String shortForm) {
    assertThat(opts(SECURE, shortForm)).isEqualTo(opts(SECURE, longForm));
    rejected(P, longForm, ErrorKind.SECURITY_OPTION_FORBIDDEN);
    rejected(P, shortForm, ErrorKind.SECURITY_OPTION_FORBIDDEN);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // unknown, PRO and removed names
        "nope:1", "gifo:1", "gif_options:1", "ra:lanczos3", "resizing_algorithm:x", "obj_pos:1",
        "car:1", "bga:0.5", "a:1", "br:10", "co:10", "sa:1", "mc:1", "dt:1", "ush:1", "ba:1",
        "bd:1", "dd:1", "col:1", "gr:1", "pbl:1", "wmu:1", "wmt:1", "wms:1", "wmr:1", "wmsh:1",
        "st:1", "dpi:72", "cp:srgb", "icc:srgb", "aq:1", "jpgo:1", "pngo:1", "webpo:1",
        "avifo:1", "pg:1", "pgs:1", "da:1", "vts:1", "vtk:1", "vtt:1", "vta:1", "fiu:1", "hs:1",
        "bc:1", "ct:1", "RS:fit",
        // too many args
        "rs:fit:1:2:1:1:ce:0:0:9", "s:1:2:1:1:ce:0:0:0", "w:1:2", "ex:1:ce:0:0:0", "pd:1:2:3:4:5",
        "fl:1:1:1", "t:1:fff:1:1:1", "wm:1:ce:0:0:1:1:1:1", "fn:a:1:1", "exp:1:2", "f:png:jpg",
        "cb:a:b", "z:1:2:3", "q:1:2", "el:1:1",
        // bad values
        "rs:bogus", "rt:", "w:-1", "w:abc", "w:", "w:1.5", "w:\u0661", "h:x", "mw:-1", "mh:-1",
        "z:0", "z:-1", "z:abc", "z:1:0", "dpr:0", "dpr:-2", "dpr:inf", "dpr:NaN", "dpr:1e999",
        "g:re", "g:xx", "g:sm:1:1", "g:fp:0.5", "g:fp:1.5:0.5", "g:fp:0.5:-0.1", "g:no:1:2:3",
        "g:no:x", "ex:1:sm", "exar:1:sm", "ex:1:re", "c:-1", "c:1:-1", "c:1:1:re", "c:1:1:sm:1",
        "t:abc", "t:1:ggg", "t:1:ffff", "t:1:#fff", "pd:-1", "pd:1:x", "rot:45", "rot:x",
        "bg:1:2", "bg:256:0:0", "bg:-1:0:0", "bg:+1:0:0", "bg:zzzzzz", "bg:1:2:3:4", "bl:0",
        "bl:-1", "sh:0", "sh:x", "pix:-1", "wm:2", "wm:-0.1", "wm:0.5:fp", "wm:0.5:sm",
        "wm:0.5:ce:x", "wm:0.5:ce:0:0:0", "wm:0.5:ce:0:0:-1", "q:0", "q:101", "q:x", "fq:jpeg",
        "fq:jpeg:80:webp", "fq:bogus:80", "fq:jpeg:0", "fq:", "mb:-1", "f:bogus", "f:best",
        "f:pdf", "f:", "skp:bogus", "skp:", "exp:x", "exp:1", "exp:1704067199", "fn:!!!:1",
        "pr:unknown", "pr:",
      })
  void invalidIs404(String segment) {
    rejected(P, segment, ErrorKind.INVALID_URL);
  }

  @Test
  void securityOptionValues() {
    assertThat(opts(SECURE, "msr:2.5/msfs:100/maf:3/mafr:1.5/mrd:500").limits())
        .isEqualTo(new SecurityLimits(2_500_000, 100, 3, 1_500_000, 500));
    rejected(SECURE, "maf:0", ErrorKind.INVALID_URL);
    rejected(SECURE, "msr:-1", ErrorKind.INVALID_URL);
    rejected(SECURE, "msfs:x", ErrorKind.INVALID_URL);
  }

  @Test
  void resizeMetaOptionKeepsValuesForEmptyArgs() {
    ProcessingOptions o = opts("rs:fill:100:200:1:1:no:5:6/rs::::/rs:::300");
    assertThat(o.resizingType()).isEqualTo(ResizingType.FILL);
    assertThat(o.width()).isEqualTo(100);
    assertThat(o.height()).isEqualTo(300);
    assertThat(o.enlarge()).isTrue();
    assertThat(o.extend()).isEqualTo(new Extend(true, new Gravity(GravityType.NORTH, 5, 6)));
    ProcessingOptions s = opts("s:10:20/s::30:0");
    assertThat(s.width()).isEqualTo(10);
    assertThat(s.height()).isEqualTo(30);
    assertThat(opts("rs:").resizingType()).isEqualTo(ResizingType.FIT);
  }

  @Test
  void booleansFollowGoParseBool() {
    for (String t : new String[] {"1", "t", "T", "TRUE", "true", "True"}) {
      assertThat(opts("el:" + t).enlarge()).as(t).isTrue();
    }
    for (String f : new String[] {"0", "f", "FALSE", "yes", "on", "", "tRuE"}) {
      assertThat(opts("el:1/el:" + f).enlarge()).as(f).isFalse();
    }
  }

  @Test
  void gravityForms() {
    assertThat(opts("g:sm").gravity()).isEqualTo(new Gravity(GravityType.SMART, 0, 0));
    assertThat(opts("g:fp:0:1").gravity()).isEqualTo(new Gravity(GravityType.FOCUS_POINT, 0, 1));
    assertThat(opts("g:soea:10:-0.5").gravity()).isEqualTo(new Gravity(GravityType.SOUTH_EAST, 10, -0.5));
    // offsets not given keep their values; sm clears them
    assertThat(opts("g:no:10:20/g:so").gravity()).isEqualTo(new Gravity(GravityType.SOUTH, 10, 20));
    assertThat(opts("g:no:10:20/g:sm/g:we").gravity()).isEqualTo(new Gravity(GravityType.WEST, 0, 0));
    assertThat(opts("ex:1:fp:0.5:0.5").extend().gravity().type()).isEqualTo(GravityType.FOCUS_POINT);
  }

  @Test
  void cropUsesOwnOrMainGravity() {
    assertThat(opts("c:100:0.5").crop()).isEqualTo(new Crop(100, 0.5, null));
    assertThat(opts("c:100:50:sm").crop()).isEqualTo(new Crop(100, 50, new Gravity(GravityType.SMART, 0, 0)));
    assertThat(opts("c:100").crop()).isEqualTo(new Crop(100, 0, null));
  }

  @Test
  void trimForms() {
    assertThat(opts("t:10").trim()).isEqualTo(new Trim(10, null, false, false));
    assertThat(opts("t:10:abc:1:1").trim()).isEqualTo(new Trim(10, new Color(0xaa, 0xbb, 0xcc), true, true));
    assertThat(opts("t:10:00ff00").trim().color()).isEqualTo(new Color(0, 255, 0));
    assertThat(opts("t:10/t:").trim()).isNull();
    assertThat(opts("t::ff0000").trim()).isNull();
  }

  @Test
  void paddingIsCssShorthand() {
    assertThat(opts("pd:10").padding()).isEqualTo(new Padding(10, 10, 10, 10));
    assertThat(opts("pd:10:20").padding()).isEqualTo(new Padding(10, 20, 10, 20));
    assertThat(opts("pd:10:20:30").padding()).isEqualTo(new Padding(10, 20, 30, 20));
    assertThat(opts("pd:1:2:3:4").padding()).isEqualTo(new Padding(1, 2, 3, 4));
    assertThat(opts("pd:5/pd::7").padding()).isEqualTo(new Padding(5, 7, 5, 7));
  }

  @Test
  void rotateIsNormalised() {
    assertThat(opts("rot:-90").rotate()).isEqualTo(270);
    assertThat(opts("rot:450").rotate()).isEqualTo(90);
    assertThat(opts("rot:360").rotate()).isZero();
  }

  @Test
  void flipKeepsUnsetSide() {
    ProcessingOptions o = opts("fl:1:1/fl::0");
    assertThat(o.flipHorizontal()).isTrue();
    assertThat(o.flipVertical()).isFalse();
  }

  @Test
  void backgroundForms() {
    assertThat(opts("bg:fff").background()).isEqualTo(Color.WHITE);
    assertThat(opts("bg:10:20:30").background()).isEqualTo(new Color(10, 20, 30));
    assertThat(opts("bg:fff/bg:").background()).isNull();
  }

  @Test
  void watermarkForms() {
    assertThat(opts("wm:0.5").watermark()).isEqualTo(new Watermark(0.5, WatermarkPosition.CENTER, 0, 0, 0));
    assertThat(opts("wm:1:nowe:5:6:0.25").watermark())
        .isEqualTo(new Watermark(1, WatermarkPosition.NORTH_WEST, 5, 6, 0.25));
    assertThat(opts("wm:1:re:5:6/wm:0.2").watermark())
        .isEqualTo(new Watermark(0.2, WatermarkPosition.REPLICATE, 5, 6, 0));
  }

  @Test
  void savingOptions() {
    assertThat(opts("fq:jpeg:80/fq:webp:70:jpeg:60").formatQuality())
        .isEqualTo(Map.of(ImageFormat.JPEG, 60, ImageFormat.WEBP, 70));
    assertThat(opts("skp:gif/skp:svg:gif").skipProcessing()).isEqualTo(Set.of(ImageFormat.GIF, ImageFormat.SVG));
    assertThat(opts("f:jpg").format()).isEqualTo(ImageFormat.JPEG);
    assertThat(opts("q:1").quality()).isEqualTo(1);
    assertThat(opts("q:100").quality()).isEqualTo(100);
    assertThat(opts("zoom:2").zoomY()).isEqualTo(2);
  }

  @Test
  void handlingOptions() {
    assertThat(opts("cb:abc/cb:").cachebuster()).isEmpty();
    assertThat(opts("exp:0").expires()).isZero();
    assertThat(opts("exp:-5").expires()).isEqualTo(-5);
    assertThat(opts("exp:1704067200").expires()).isEqualTo(1704067200L);
    assertThat(opts("fn:my file.jpg").filename()).isEqualTo("my file.jpg");
    assertThat(opts("fn:" + Base64Url.encode("ça/va:ok") + ":1").filename()).isEqualTo("ça/va:ok");
    assertThat(opts("fn:" + Base64Url.encode("x") + "==:true").filename()).isEqualTo("x");
    assertThat(opts("fn:abc:0").filename()).isEqualTo("abc");
    assertThat(opts("fn:abc:nope").filename()).isEqualTo("abc");
  }

  @Test
  void allowedProcessingOptionsAreLiteralAndPresetsExempt() {
    UrlParser p =
        parser("IMGPROXY_ALLOWED_PROCESSING_OPTIONS", "w,pr", "IMGPROXY_PRESETS", "big=width:900/q:90");
    assertThat(opts(p, "w:10").width()).isEqualTo(10);
    assertThat(opts(p, "pr:big").width()).isEqualTo(900);
    rejected(p, "width:10", ErrorKind.INVALID_URL);
    rejected(p, "q:10", ErrorKind.INVALID_URL);
    // the extension is not an option and is always allowed
    assertThat(p.parse("/_/w:1/plain/http://a.com/x@png").options().format()).isEqualTo(ImageFormat.PNG);
  }

  @Test
  void customArgumentsSeparator() {
    UrlParser p = parser("IMGPROXY_ARGUMENTS_SEPARATOR", ",");
    assertThat(opts(p, "rs,fill,10,20").width()).isEqualTo(10);
    assertThat(p.parse("/_/w,5/plain/http://a.com/x:y.jpg").sourceUrl()).isEqualTo("http://a.com/x:y.jpg");
  }

  @Test
  void defaultsComeFromSettings() {
    UrlParser p = parser("IMGPROXY_STRIP_METADATA", "false", "IMGPROXY_MAX_SRC_RESOLUTION", "12.5",
        "IMGPROXY_RETURN_ATTACHMENT", "true", "IMGPROXY_AUTO_ROTATE", "false");
    ProcessingOptions o = opts(p, "w:1");
    assertThat(o.stripMetadata()).isFalse();
    assertThat(o.autoRotate()).isFalse();
    assertThat(o.returnAttachment()).isTrue();
    assertThat(o.limits().maxSrcResolution()).isEqualTo(12_500_000);
    assertThat(opts(p, "sm:1").stripMetadata()).isTrue();
  }
}
