package io.imgrid.app;

/** The launcher behind {@code bin/imgrid}: one command per role or tool. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.err.println("usage: imgrid <standalone|gateway|worker|parse|process|health> ...");
    System.exit(2);
  }
}
