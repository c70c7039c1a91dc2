package io.imgrid.worker.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.info.InfoOptions;
import io.imgrid.shared.options.InfoOptionsParser;
import io.imgrid.shared.options.SecurityLimits;
import io.imgrid.shared.options.UrlOption;
import io.imgrid.worker.TestImages;
import io.imgrid.worker.metadata.CopyrightMetadataTestData;
import io.imgrid.worker.metadata.Iptc;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.Vips;
import io.imgrid.worker.vips.VipsImage;
import io.imgrid.worker.vips.VipsOps;
import io.imgrid.worker.vips.VipsSave;
import io.imgrid.worker.vips.VipsScope;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /info on real images made with libvips: every field, the options that turn them off, refusals. */
class ImageInfoReaderTest {
  private static ImageInfoReader reader;
  private static byte[] jpeg;
  private static byte[] gif;

  @BeforeAll
  static void images() {
    TestImages.init();
    reader = new ImageInfoReader(Vips.capabilities());
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsOps.copy(TestImages.solid(scope, 40, 30, 10, 20, 30));
      image.setString("exif-ifd0-Make", "Camera");
      image.setString("exif-ifd0-Copyright", "(c) ACME");
      image.setInt("orientation", 6);
      image.setBlob("xmp-data", CopyrightMetadataTestData.XMP.getBytes(StandardCharsets.UTF_8));
      image.setBlob("iptc-data", Iptc.photoshop(CopyrightMetadataTestData.iim()));
      jpeg = TestImages.jpeg(image);

      VipsImage[] frames = {
        TestImages.solid(scope, 40, 30, 255, 0, 0),
        TestImages.solid(scope, 40, 30, 0, 255, 0),
        TestImages.solid(scope, 40, 30, 0, 0, 255)};
      VipsImage strip = VipsOps.copy(VipsOps.arrayjoin(frames, 1));
      strip.setInt("page-height", 30);
      strip.setInt("n-pages", 3);
      strip.setIntArray("delay", new int[] {100, 200, 300});
      strip.setInt("loop", 2);
      gif = VipsSave.gif(strip, new VipsSave.Gif(8, VipsSave.Keep.ALL));
    }
  }

  private static InfoOptions options(String... segments) {
    return new InfoOptionsParser(true, Clock.systemUTC()).parse(
        UrlOption.splitLeading(Arrays.asList(segments), ":").options(), SecurityLimits.DEFAULT);
  }

  private static JsonObject info(byte[] source, String... segments) {
    return new JsonObject(new String(reader.read(source, options(segments), Deadline.none()),
        StandardCharsets.UTF_8));
  }

  @Test
  void jpegFactsAndMetadataByDefault() {
    JsonObject j = info(jpeg);
    assertThat(j.getString("format")).isEqualTo("jpeg");
    assertThat(j.getString("mime_type")).isEqualTo("image/jpeg");
    assertThat(j.getInteger("size")).isEqualTo(jpeg.length);
    assertThat(j.getInteger("width")).isEqualTo(40);
    assertThat(j.getInteger("height")).isEqualTo(30);
    assertThat(j.getInteger("orientation")).isEqualTo(6);
    assertThat(j.getBoolean("alpha")).isFalse();
    assertThat(j.getBoolean("animated")).isFalse();
    assertThat(j.getInteger("frames")).isEqualTo(1);
    assertThat(j.getString("color_space")).isEqualTo("srgb");
    assertThat(j.getJsonObject("dpi").getDouble("x")).isPositive();
    assertThat(j.getJsonObject("exif").getString("Make")).isEqualTo("Camera");
    assertThat(j.getJsonObject("exif").getString("Copyright")).startsWith("(c) ACME");
    JsonObject iptc = j.getJsonObject("iptc");
    assertThat(iptc.getString("Name")).isEqualTo("Object name");
    assertThat(iptc.getString("Copyright Notice")).isEqualTo("(c) ACME");
    assertThat(iptc.getJsonArray("By-line").getList()).containsExactly("Jane Doe");
    assertThat(iptc.getJsonArray("Keywords").getList()).containsExactly("keyword");
    JsonObject xmp = j.getJsonObject("xmp");
    assertThat(xmp.getJsonObject("dc").getJsonArray("creator").getList()).containsExactly("Jane Doe");
    assertThat(xmp.getJsonObject("dc").getString("publisher")).isEqualTo("ACME Press");
    assertThat(xmp.getJsonObject("tiff").getString("Model")).isEqualTo("Model X");
    assertThat(xmp.getJsonObject("tiff").getString("Make")).isEqualTo("Camera");
    assertThat(j.containsKey("average") || j.containsKey("blurhash") || j.containsKey("thumbhash"))
        .isFalse();
  }

  @Test
  void everyGroupTurnsOff() {
    JsonObject j = info(jpeg, "s:0", "f:0", "d:0", "exif:0", "iptc:0", "xmp:0", "dt:0");
    assertThat(j.fieldNames()).isEmpty();
    assertThat(info(jpeg, "f:0", "d:0", "exif:0", "iptc:0", "xmp:0", "dt:0").fieldNames())
        .containsExactly("size");
  }

  @Test
  void placeholdersAndAverageFromPixels() {
    JsonObject j = info(jpeg, "avg:1", "bh:4:3", "th:1");
    JsonObject avg = j.getJsonObject("average");
    assertThat(Math.abs(avg.getInteger("R") - 10)).isLessThanOrEqualTo(2);
    assertThat(Math.abs(avg.getInteger("G") - 20)).isLessThanOrEqualTo(2);
    assertThat(Math.abs(avg.getInteger("B") - 30)).isLessThanOrEqualTo(2);
    assertThat(avg.getInteger("A")).isEqualTo(255);
    assertThat(j.getString("blurhash")).hasSize(4 + 2 * 4 * 3);
    byte[] thumb = java.util.Base64.getDecoder().decode(j.getString("thumbhash"));
    assertThat(thumb.length).isBetween(5, 25);
  }

  @Test
  void transparentPixelsAreLeftOutOfTheAverageUnlessAsked() {
    byte[] png;
    try (VipsScope scope = new VipsScope()) {
      VipsImage clear = TestImages.solidAlpha(scope, 40, 40, 0, 0, 0, 0);
      VipsImage red = TestImages.solidAlpha(scope, 20, 40, 200, 0, 0, 255);
      png = TestImages.png(TestImages.place(clear, red, 0, 0));
    }
    JsonObject ignoring = info(png, "avg:1").getJsonObject("average");
    assertThat(ignoring.getInteger("R")).isEqualTo(200);
    assertThat(ignoring.getInteger("A")).isEqualTo(255);
    JsonObject all = info(png, "avg:1:0").getJsonObject("average");
    assertThat(all.getInteger("R")).isBetween(98, 102);
    assertThat(all.getInteger("A")).isBetween(126, 129);
    assertThat(info(png).getBoolean("alpha")).isTrue();
  }

  @Test
  void paletteAndDominantColoursOfAPicture() {
    byte[] png;
    try (VipsScope scope = new VipsScope()) {
      VipsImage navy = TestImages.solid(scope, 100, 60, 20, 30, 90);
      VipsImage red = TestImages.solid(scope, 70, 60, 220, 30, 30);
      png = TestImages.png(TestImages.place(navy, red, 0, 0));
    }
    JsonObject j = info(png, "p:4", "dc:1");
    assertThat(j.getJsonArray("palette").getList()).hasSize(2);
    JsonObject first = j.getJsonArray("palette").getJsonObject(0); // 70 % of the pixels
    assertThat(first.getInteger("R")).isBetween(216, 224);
    assertThat(first.getInteger("G")).isBetween(26, 34);
    JsonObject dc = j.getJsonObject("dominant_colors");
    assertThat(dc.fieldNames()).containsExactlyInAnyOrder("vibrant", "dark_vibrant");
    assertThat(dc.getJsonObject("vibrant").getInteger("R")).isBetween(216, 224);
    assertThat(dc.getJsonObject("dark_vibrant").getInteger("B")).isBetween(86, 94);
    assertThat(info(png, "dc:1:1").getJsonObject("dominant_colors").fieldNames())
        .containsExactly("vibrant", "light_vibrant", "dark_vibrant", "muted", "light_muted",
            "dark_muted");
  }

  @Test
  void animationFramesDelaysLoopAndPage() {
    JsonObject j = info(gif);
    assertThat(j.getString("format")).isEqualTo("gif");
    assertThat(j.getBoolean("animated")).isTrue();
    assertThat(j.getInteger("frames")).isEqualTo(3);
    assertThat(j.getJsonArray("delay").getList()).containsExactly(100, 200, 300);
    assertThat(j.getInteger("loop")).isEqualTo(2);
    assertThat(j.getInteger("width")).isEqualTo(40);
    assertThat(j.getInteger("height")).isEqualTo(30);
    assertThat(info(gif, "avg:1").getJsonObject("average").getInteger("R")).isGreaterThan(200);
    JsonObject second = info(gif, "avg:1", "pg:1").getJsonObject("average");
    assertThat(second.getInteger("G")).isGreaterThan(200);
    assertThat(second.getInteger("R")).isLessThan(50);
    JsonObject past = info(gif, "avg:1", "pg:9").getJsonObject("average");
    assertThat(past.getInteger("B")).isGreaterThan(200); // the last page
  }

  @Test
  void svgUsesItsIntrinsicSizeAndRendersSmall() {
    byte[] svg = ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20000\" height=\"10000\">"
        + "<rect width=\"20000\" height=\"10000\" fill=\"#00ff00\"/></svg>")
        .getBytes(StandardCharsets.UTF_8);
    JsonObject j = info(svg, "avg:1", "th:1");
    assertThat(j.getString("format")).isEqualTo("svg");
    assertThat(j.getInteger("width")).isEqualTo(20000);
    assertThat(j.getInteger("height")).isEqualTo(10000);
    assertThat(j.getJsonObject("average").getInteger("G")).isEqualTo(255);
  }

  @Test
  void badSourcesAre422BeforeAnyDecode() {
    assertThatThrownBy(() -> reader.read("not an image".getBytes(StandardCharsets.UTF_8),
        options(), Deadline.none()))
        .isInstanceOfSatisfying(ImgridException.class, e -> assertThat(e.status()).isEqualTo(422));
    byte[] truncated = Arrays.copyOf(jpeg, 200);
    assertThatThrownBy(() -> reader.read(truncated, options("avg:1"), Deadline.none()))
        .isInstanceOfSatisfying(ImgridException.class, e -> assertThat(e.status()).isEqualTo(422));
    assertThatThrownBy(() -> reader.read(jpeg, options("msr:0.0001"), Deadline.none()))
        .isInstanceOfSatisfying(ImgridException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_SOURCE_IMAGE));
  }
}
