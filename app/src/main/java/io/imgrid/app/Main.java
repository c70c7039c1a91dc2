package io.imgrid.app;

import java.util.Arrays;

/** The launcher behind {@code bin/imgrid}: one command per role or tool. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "process":
        System.exit(ProcessCommand.run(rest, System.getenv(), System.err));
        break;
      default:
        System.err.println("usage: imgrid <standalone|gateway|worker|parse|process|health> ...");
        System.exit(2);
    }
  }
}
