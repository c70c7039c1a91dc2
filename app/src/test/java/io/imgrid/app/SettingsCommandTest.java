package io.imgrid.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.ImgridConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsCommandTest {
  @Test
  void listsEverySettingTheCodeReads() {
    String table = SettingsCommand.table();

    for (String name : ImgridConfig.knownNames()) {
      assertThat(table).contains("| `" + name + "` |");
    }
    assertThat(table).contains("| `IMGPROXY_QUALITY` | `80` |");
    assertThat(table).contains("| `IMGPROXY_CONCURRENCY` | deprecated v3 alias of `IMGPROXY_WORKERS` |");
  }

  @Test
  void readmeCarriesTheGeneratedTable() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);

    assertThat(readme)
        .as("README.md's settings table is stale: paste the output of `bin/imgrid settings`")
        .contains(SettingsCommand.table());
  }
}
