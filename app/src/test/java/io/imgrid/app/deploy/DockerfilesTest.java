package io.imgrid.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The two images, checked instruction by instruction since no Docker engine builds them here:
 * one Maven build, Debian 12 with a headless JRE, bin/imgrid as entry point with the role as
 * command, a health check through bin/imgrid, a non-root user, and libvips in the worker only.
 */
class DockerfilesTest {

  private static Dockerfile image(String role) {
    return Dockerfile.read("deploy/docker/" + role + ".Dockerfile");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void buildsTheJarOnceWithMavenAndRunsItThroughBinImgrid(String role) {
    Dockerfile file = image(role);
    assertThat(file.stages()).hasSize(2);
    List<Dockerfile.Instruction> build = file.stages().get(0);
    assertThat(build.get(0).args()).isEqualTo("debian:bookworm-slim AS build");
    assertThat(build).anySatisfy(i -> {
      assertThat(i.keyword()).isEqualTo("RUN");
      assertThat(i.args()).endsWith("./mvnw -B -DskipTests -pl app -am package");
    });
    // The runtime copies the jar to the path bin/imgrid looks for beside itself, so it never builds.
    assertThat(DeployFiles.text("bin/imgrid")).contains("JAR=\"${IMGRID_JAR:-$ROOT/app/target/imgrid.jar}\"");
    assertThat(file.finalArgs("WORKDIR")).containsExactly("/opt/imgrid");
    assertThat(file.finalArgs("COPY"))
        .containsExactly("--from=build /src/app/target/imgrid.jar app/target/imgrid.jar", "bin/imgrid bin/imgrid");
    assertThat(build).contains(new Dockerfile.Instruction("WORKDIR", "/src"));
  }

  @Test
  void bothImagesShareOneByteIdenticalBuildStage() {
    assertThat(image("gateway").stages().get(0)).isEqualTo(image("worker").stages().get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void runtimeIsDebianBookwormSlimWithAHeadlessJre(String role) {
    Dockerfile file = image(role);
    assertThat(file.finalArgs("FROM")).containsExactly("debian:bookworm-slim");
    assertThat(file.finalArgs("RUN")).anySatisfy(run -> assertThat(aptPackages(run)).contains("openjdk-17-jre-headless"));
    assertThat(file.finalArgs("ENV")).anySatisfy(env -> assertThat(env).contains("MALLOC_ARENA_MAX=2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void entryPointCommandAndHealthCheckGoThroughBinImgrid(String role) {
    Dockerfile file = image(role);
    assertThat(file.finalArgs("ENTRYPOINT")).containsExactly("[\"bin/imgrid\"]");
    assertThat(file.finalArgs("CMD")).containsExactly("[\"" + role + "\"]");
    assertThat(file.finalArgs("HEALTHCHECK")).singleElement().asString().endsWith("CMD [\"bin/imgrid\", \"health\"]");
    // The role and `health` are commands bin/imgrid knows.
    String script = DeployFiles.text("bin/imgrid");
    assertThat(script).containsPattern("(?m)^\\s*[a-z|]*\\b" + role + "\\b[a-z|]*\\)");
    assertThat(script).containsPattern("(?m)^\\s*[a-z|]*\\bhealth\\b[a-z|]*\\)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void runsAsANonRootUserAndExposesTheFixedPorts(String role) {
    Dockerfile file = image(role);
    List<String> users = file.finalArgs("USER");
    assertThat(users).hasSize(1);
    String uid = users.get(0).split(":")[0];
    assertThat(uid).matches("[0-9]+");
    assertThat(Integer.parseInt(uid)).isPositive();
    assertThat(file.finalArgs("RUN")).anySatisfy(run -> assertThat(run).contains("useradd").contains("--uid " + uid));
    assertThat(file.finalArgs("EXPOSE")).containsExactly("8080 8081 5701 5702");
    assertThat(file.finalArgs("ENV")).anySatisfy(env -> assertThat(env)
        .contains("IMGPROXY_BIND=:8080", "IMGPROXY_PROMETHEUS_BIND=:8081",
            "IMGRID_CLUSTER_PORT=5701", "IMGRID_EVENTBUS_PORT=5702"));
  }

  @Test
  void onlyTheWorkerImageHasLibvips() {
    Dockerfile worker = image("worker");
    assertThat(worker.finalArgs("RUN")).anySatisfy(run -> assertThat(aptPackages(run)).contains("libvips42"));
    assertThat(worker.finalArgs("ENV")).anySatisfy(env -> assertThat(env).contains("VIPS_WARNING=0"));
    for (Dockerfile.Instruction i : image("gateway").finalStage()) {
      assertThat(i.args().toLowerCase()).as("gateway image: %s", i).doesNotContain("vips");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void everyCopiedSourceExistsAndIsInTheBuildContext(String role) {
    List<String> ignored = dockerignorePatterns();
    for (Dockerfile.Instruction i : image(role).stages().stream().flatMap(List::stream).toList()) {
      if (!i.keyword().equals("COPY") || i.args().startsWith("--from=")) {
        continue;
      }
      String[] parts = i.args().split(" ");
      for (int s = 0; s < parts.length - 1; s++) {
        String source = parts[s].replaceAll("/$", "");
        assertThat(Files.exists(DeployFiles.path(source))).as("COPY source %s", source).isTrue();
        for (String pattern : ignored) {
          assertThat(source.equals(pattern) || source.startsWith(pattern + "/"))
              .as("COPY source %s is excluded by .dockerignore pattern %s", source, pattern).isFalse();
        }
      }
    }
    assertThat(ignored).contains("**/target", ".git", "deploy");
  }

  /** Package names installed by an `apt-get install` in a RUN instruction. */
  private static List<String> aptPackages(String run) {
    List<String> packages = new ArrayList<>();
    Matcher m = Pattern.compile("apt-get install ([^&;]*)").matcher(run);
    while (m.find()) {
      for (String word : m.group(1).trim().split(" ")) {
        if (!word.startsWith("-")) {
          packages.add(word);
        }
      }
    }
    return packages;
  }

  private static List<String> dockerignorePatterns() {
    List<String> patterns = new ArrayList<>();
    for (String line : DeployFiles.text(".dockerignore").split("\n")) {
      String p = line.strip();
      if (!p.isEmpty() && !p.startsWith("#")) {
        patterns.add(p.replaceAll("/$", ""));
      }
    }
    return patterns;
  }
}
