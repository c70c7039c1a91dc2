package io.imgrid.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample origin's script (run when deploy/docker/nginx.Dockerfile builds the origin image)
 * writes a real image and copies the folder's samples, so no binary image lives in the repository.
 */
class OriginSamplesTest {

  @Test
  void writesADecodableGradientAndCopiesTheSamples(@TempDir Path webroot) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of("sh", DeployFiles.path("deploy/origin/gen-samples.sh").toString(),
        webroot.toString())).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();

    BufferedImage image = ImageIO.read(webroot.resolve("gradient.bmp").toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(240);
    // Red grows left to right, green top-down in file order (BMP rows are stored bottom-up).
    assertThat(image.getRGB(0, 239) & 0xffffff).isEqualTo(0x000080);
    assertThat(image.getRGB(319, 239) & 0xffffff).isEqualTo(0xff0080);
    assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0x00ff80);
    assertThat(webroot.resolve("sample.svg")).exists();
    assertThat(webroot.resolve("gen-samples.sh")).doesNotExist();
  }
}
