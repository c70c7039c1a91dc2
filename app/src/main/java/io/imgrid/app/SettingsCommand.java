package io.imgrid.app;

import io.imgrid.shared.config.Env;
import io.imgrid.shared.config.ImgridConfig;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code bin/imgrid settings}: every setting imgrid reads, with its default, as a Markdown table
 * generated from the config records themselves (the README's table is this output; a test keeps
 * them equal).
 */
final class SettingsCommand {
  /** Defaults computed at start, which a literal value would misstate. */
  private static final Map<String, String> COMPUTED =
      Map.of(
          "IMGPROXY_WORKERS", "2 × CPU cores",
          "IMGPROXY_BIND", "`:8080` (or `:$PORT`)",
          "IMGPROXY_GRACEFUL_STOP_TIMEOUT", "2 × `IMGPROXY_TIMEOUT`",
          "IMGPROXY_LOCAL_FILESYSTEM_ROOT", "off (standalone: generated samples)");

  private SettingsCommand() {}

  static int run(PrintStream out) {
    out.print(table());
    return 0;
  }

  static String table() {
    Env registry = ImgridConfig.settingsRegistry();
    Map<String, String> defaults = registry.defaultsRead();
    Map<String, String> aliases = registry.aliasesRead();
    StringBuilder table = new StringBuilder("| setting | default |\n|---|---|\n");
    for (String name : registry.namesRead()) {
      String cell;
      if (COMPUTED.containsKey(name)) {
        cell = COMPUTED.get(name);
      } else if (aliases.containsKey(name)) {
        cell = "deprecated v3 alias of `" + aliases.get(name) + "`";
      } else {
        String value = defaults.get(name);
        cell = value == null || value.equals("null") || value.isEmpty() ? "(unset)" : "`" + value + "`";
      }
      table.append("| `").append(name).append("` | ").append(cell).append(" |\n");
    }
    return table.toString();
  }
}
