package io.imgrid.app.deploy;

import static io.imgrid.app.deploy.DeployFiles.listAt;
import static io.imgrid.app.deploy.DeployFiles.map;
import static io.imgrid.app.deploy.DeployFiles.mapAt;
import static io.imgrid.app.deploy.DeployFiles.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/README.md's "Settings" section explains every variable the deployment files set: the
 * imgrid services' environment and the variables interpolated in docker-compose.yml, the env,
 * ConfigMap and Secret keys of deploy/k8s/, and the ENV of the imgrid images.
 */
class DeploySettingsDocTest {
  private static final Pattern INTERPOLATED = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern ENV_NAME = Pattern.compile("(?:^|\\s)([A-Z][A-Z0-9_]*)=");

  /** The text of the section, from its heading to the next heading of the same level. */
  static String settingsSection() {
    String text = DeployFiles.text("deploy/README.md");
    int start = text.indexOf("\n## Settings\n");
    assertThat(start).as("a '## Settings' section in deploy/README.md").isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  private static Set<String> composeNames() {
    Map<String, Object> compose = DeployFiles.document("docker-compose.yml");
    Set<String> names = new TreeSet<>();
    for (Object service : mapAt(compose, "services").values()) {
      Object env = map(service).get("environment");
      if (env != null) {
        names.addAll(map(env).keySet());
      }
    }
    Matcher m = INTERPOLATED.matcher(DeployFiles.text("docker-compose.yml"));
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Set<String> kubernetesNames() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.list(DeployFiles.path("deploy/k8s"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        for (Map<String, Object> doc : DeployFiles.documents("deploy/k8s/" + f.getFileName())) {
          String kind = str(doc.get("kind"));
          if (kind.equals("ConfigMap")) {
            names.addAll(mapAt(doc, "data").keySet());
          } else if (kind.equals("Secret")) {
            names.addAll(mapAt(doc, "stringData").keySet());
          } else if (kind.equals("Deployment")) {
            for (Object c : listAt(doc, "spec", "template", "spec", "containers")) {
              for (Object e : listAt(map(c), "env")) {
                names.add(str(map(e).get("name")));
              }
            }
          }
        }
      }
    }
    return names;
  }

  private static Set<String> imageNames() {
    Set<String> names = new TreeSet<>();
    for (String role : new String[] {"gateway", "worker"}) {
      for (String env : Dockerfile.read("deploy/docker/" + role + ".Dockerfile").finalArgs("ENV")) {
        Matcher m = ENV_NAME.matcher(env);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  @Test
  void everySettingTheDeploymentFilesSetIsExplained() throws IOException {
    String section = settingsSection();
    Set<String> names = new TreeSet<>(composeNames());
    names.addAll(kubernetesNames());
    names.addAll(imageNames());
    assertThat(names).contains("IMGRID_CLUSTER_MEMBERS", "IMGRID_PUBLISH", "IMGRID_KUBERNETES_SERVICE_DNS",
        "MALLOC_ARENA_MAX");
    assertThat(names).allSatisfy(n -> assertThat(section).as("deploy/README.md, Settings").contains("`" + n + "`"));
  }
}
