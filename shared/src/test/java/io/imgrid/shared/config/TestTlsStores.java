package io.imgrid.shared.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test support shared through the {@code shared} test-jar: a self-signed PKCS12 key store and a
 * trust store holding its certificate, made with the JDK's own keytool, for event-bus TLS tests.
 */
public final class TestTlsStores {
  /** The password of both stores. */
  public static final String PASSWORD = "test-only-secret";

  private TestTlsStores() {}

  /** Writes {@code node.p12} and {@code trust.p12} under {@code dir}. */
  public static ClusterConfig.EventBusTls selfSigned(Path dir) throws Exception {
    Path keyStore = dir.resolve("node.p12");
    Path cert = dir.resolve("node.pem");
    Path trustStore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
        "-validity", "2", "-dname", "CN=imgrid-test", "-ext", "SAN=ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-alias", "node", "-rfc", "-file", cert.toString(),
        "-keystore", keyStore.toString(), "-storepass", PASSWORD);
    keytool("-importcert", "-noprompt", "-alias", "node", "-file", cert.toString(),
        "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD);
    return new ClusterConfig.EventBusTls(keyStore, PASSWORD, trustStore, PASSWORD);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }
}
