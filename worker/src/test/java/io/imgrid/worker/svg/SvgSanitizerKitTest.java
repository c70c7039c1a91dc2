package io.imgrid.worker.svg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * imgproxy's own golden pair, {@code test1.svg} → {@code test1.sanitized.svg}, from the team kit
 * (system property {@code imgrid.kit}, default {@code /work/shared}). Run with {@code
 * -Dimgrid.test.excludedGroups= -Dgroups=kit}. A missing kit fails the test: it never skips.
 */
@Tag("kit")
class SvgSanitizerKitTest {
  private static final Path KIT = Path.of(System.getProperty("imgrid.kit", "/work/shared"));

  @Test
  void sanitizesImgproxysGoldenFileByteForByte() throws IOException {
    Path dir = KIT.resolve("fixtures/imgproxy");
    assertThat(Files.isDirectory(dir))
        .as("kit not found at %s (set -Dimgrid.kit=<kit directory>)", dir.toAbsolutePath())
        .isTrue();

    byte[] source = Files.readAllBytes(dir.resolve("test1.svg"));
    byte[] expected = Files.readAllBytes(dir.resolve("test1.sanitized.svg"));

    byte[] actual = SvgSanitizer.withDefaultLimit().sanitize(source);

    assertThat(new String(actual, StandardCharsets.UTF_8))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    assertThat(actual).isEqualTo(expected);
  }
}
