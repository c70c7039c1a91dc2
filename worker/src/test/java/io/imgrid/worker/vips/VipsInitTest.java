package io.imgrid.worker.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.format.ImageFormat;
import io.imgrid.worker.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VipsInitTest {
  @BeforeAll
  static void init() {
    VipsTesting.init();
  }

  @Test
  void initTwiceIsFine() {
    Vips.init(TestImages.libvipsConfig());
    Vips.init(TestImages.libvipsConfig());
    assertThat(Vips.version()).matches("8\\.\\d+\\.\\d+");
    assertThat(Vips.libraryFile()).contains("vips");
  }

  @Test
  void initFromAnotherLocationAfterInitFails() {
    assertThatThrownBy(() -> Vips.init(Optional.of(Path.of("/opt/other/libvips.so.42"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already initialised");
  }

  @Test
  void capabilitiesCoverTheCoreFormatsAndNeverBmpOrIco() {
    FormatSupport support = Vips.capabilities();
    assertThat(support.loadable())
        .contains(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.GIF,
            ImageFormat.TIFF, ImageFormat.SVG)
        .doesNotContain(ImageFormat.BMP, ImageFormat.ICO);
    assertThat(support.savable())
        .contains(ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.GIF,
            ImageFormat.TIFF)
        .doesNotContain(ImageFormat.BMP, ImageFormat.ICO, ImageFormat.SVG);
    assertThat(Vips.capabilities()).isSameAs(support);
  }

  @Test
  void capabilitiesFollowWhatThisLibvipsHas() {
    FormatSupport support = Vips.capabilities();
    // heif and jxl depend on the build: a format is reported savable exactly when its saver
    // exists and encodes, so at least the saver must exist for every savable one
    if (support.canSave(ImageFormat.AVIF) || support.canSave(ImageFormat.HEIC)) {
      assertThat(VipsOperation.exists("heifsave_buffer")).isTrue();
    }
    if (support.canSave(ImageFormat.JXL)) {
      assertThat(VipsOperation.exists("jxlsave_buffer")).isTrue();
    }
    if (!VipsOperation.exists("heifload_buffer")) {
      assertThat(support.loadable()).doesNotContain(ImageFormat.AVIF, ImageFormat.HEIC);
    }
    // Debian 12's libvips 8.14 is built with libheif (aom + x265) and libjxl
    if (Vips.version().startsWith("8.14.")) {
      assertThat(support.savable()).contains(ImageFormat.AVIF, ImageFormat.HEIC, ImageFormat.JXL);
      assertThat(support.loadable()).contains(ImageFormat.AVIF, ImageFormat.HEIC, ImageFormat.JXL);
    }
  }

  @Test
  void libraryCandidatesInADirectoryAreLibvipsFilesOnly(@TempDir Path dir) throws Exception {
    Files.createFile(dir.resolve("libvips-cpp.so.8.18.7"));
    Files.createFile(dir.resolve("libvips.so.42"));
    Files.createFile(dir.resolve("libglib-2.0.so.0"));
    assertThat(VipsLibrary.candidates(dir))
        .containsExactly(dir.resolve("libvips.so.42"), dir.resolve("libvips-cpp.so.8.18.7"));
    Path file = dir.resolve("libvips.so.42");
    assertThat(VipsLibrary.candidates(file)).containsExactly(file);
  }

  @Test
  void installHintNamesTheDebianPackage() {
    assertThat(VipsLibrary.INSTALL_HINT).contains("apt-get install -y libvips42");
  }
}
