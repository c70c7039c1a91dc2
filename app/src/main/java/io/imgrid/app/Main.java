package io.imgrid.app;

import io.imgrid.shared.config.ConfigException;
import java.util.Arrays;
import java.util.Map;

/**
 * The launcher behind {@code bin/imgrid}: one command per role or tool. Settings come from the
 * environment only, read once and validated together; a bad setting stops the process with
 * every problem listed (exit 78, like EX_CONFIG).
 */
public final class Main {
  static final int EXIT_CONFIG = 78;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv()));
  }

  static int run(String[] args, Map<String, String> env) {
    if (args.length == 0) {
      return usage();
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      switch (args[0]) {
        case "gateway":
          return RoleCommand.run("gateway", env, System.err, GatewayNode::start);
        case "worker":
          return RoleCommand.run("worker", env, System.err, WorkerNode::start);
        case "parse":
          return ParseCommand.run(rest, env, System.out, System.err);
        case "process":
          return ProcessCommand.run(rest, env, System.err);
        case "standalone":
          return StandaloneCommand.run(env, System.out, System.err);
        case "health":
          return HealthCommand.run(env, System.err);
        case "settings":
          return SettingsCommand.run(System.out);
        case "version":
          System.out.println("imgrid " + Version.VERSION);
          return 0;
        default:
          return usage();
      }
    } catch (ConfigException e) {
      System.err.println("imgrid: " + e.getMessage());
      return EXIT_CONFIG;
    }
  }

  private static int usage() {
    System.err.println(
        "usage: imgrid standalone | gateway | worker | parse PATH | process IN OPTIONS OUT"
            + " | health | settings | version");
    return 2;
  }
}
