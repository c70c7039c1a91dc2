package io.imgrid.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The images, checked instruction by instruction (.ci/kit-compose.sh builds and runs them for
 * real): one Maven build with a cached ~/.m2 and a jlink'd Java runtime, Debian 13 slim, bin/imgrid
 * as entry point with the role as command, a health check through bin/imgrid, a non-root user,
 * the heap sized from the container's limit, libvips in the worker only, and nothing but the
 * Debian bases pulled from a registry.
 */
class DockerfilesTest {
  private static final Set<String> BASES = Set.of("debian:bookworm-slim", "debian:trixie-slim");
  private static final String MAVEN = "./mvnw -B -q -DskipTests -pl app -am package";

  private static Dockerfile image(String role) {
    return Dockerfile.read("deploy/docker/" + role + ".Dockerfile");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void buildsTheJarOnceWithMavenAndRunsItThroughBinImgrid(String role) {
    Dockerfile file = image(role);
    assertThat(file.stages()).hasSize(2);
    List<Dockerfile.Instruction> build = file.stages().get(0);
    assertThat(build.get(0).args()).isEqualTo("debian:trixie-slim AS build");
    assertThat(build).anySatisfy(i -> {
      assertThat(i.keyword()).isEqualTo("RUN");
      assertThat(i.args()).startsWith("--mount=type=cache,target=/root/.m2 ").endsWith(MAVEN);
    });
    // The runtime copies the jar to the path bin/imgrid looks for beside itself, so it never builds.
    assertThat(DeployFiles.text("bin/imgrid")).contains("JAR=\"${IMGRID_JAR:-$ROOT/app/target/imgrid.jar}\"");
    assertThat(file.finalArgs("WORKDIR")).containsExactly("/opt/imgrid");
    assertThat(file.finalArgs("COPY")).contains(
        "--from=build /opt/java /opt/java",
        "--from=build /src/app/target/imgrid.jar app/target/imgrid.jar",
        "bin/imgrid bin/imgrid");
    assertThat(build).contains(new Dockerfile.Instruction("WORKDIR", "/src"));
  }

  @Test
  void bothImagesShareOneByteIdenticalBuildStage() {
    assertThat(image("gateway").stages().get(0)).isEqualTo(image("worker").stages().get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void runtimeIsDebianTrixieSlimWithTheJlinkedJavaOnly(String role) {
    Dockerfile file = image(role);
    assertThat(file.finalArgs("FROM")).containsExactly("debian:trixie-slim");
    // The Java runtime is the build stage's jlink output: no JDK or JRE package in the image.
    assertThat(file.stages().get(0)).anySatisfy(i -> assertThat(i.args())
        .startsWith("jlink --add-modules java.base,").contains("--output /opt/java"));
    for (String run : file.finalArgs("RUN")) {
      assertThat(aptPackages(run)).noneMatch(p -> p.startsWith("openjdk") || p.contains("jdk") || p.contains("jre"));
    }
    assertThat(file.finalArgs("ENV")).anySatisfy(env -> assertThat(env)
        .contains("JAVA_HOME=/opt/java", "PATH=/opt/java/bin:", "MALLOC_ARENA_MAX=2"));
  }

  /** The heap is a share of the container's memory limit, never a fixed size. */
  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void theHeapIsSizedFromTheContainersMemoryLimit(String role) {
    String env = String.join(" ", image(role).finalArgs("ENV"));
    Matcher opts = Pattern.compile("IMGRID_JAVA_OPTS=\"([^\"]*)\"").matcher(env);
    assertThat(opts.find()).as(env).isTrue();
    assertThat(opts.group(1)).containsPattern("-XX:MaxRAMPercentage=[0-9]+ ")
        .contains("-XX:MaxDirectMemorySize=", "-XX:+ExitOnOutOfMemoryError")
        .doesNotContain("-Xmx", "-Xms");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void entryPointCommandAndHealthCheckGoThroughBinImgrid(String role) {
    Dockerfile file = image(role);
    assertThat(file.finalArgs("ENTRYPOINT")).containsExactly("[\"bin/imgrid\"]");
    assertThat(file.finalArgs("CMD")).containsExactly("[\"" + role + "\"]");
    // The check is a short JVM with its own small options (env replaces the node's IMGRID_JAVA_OPTS).
    assertThat(file.finalArgs("HEALTHCHECK")).singleElement().asString()
        .contains("CMD [\"env\", \"IMGRID_JAVA_OPTS=-Xmx").endsWith("\"bin/imgrid\", \"health\"]");
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
  void onlyTheWorkerImageHasLibvipsWithLibheifsPlugins() {
    Dockerfile worker = image("worker");
    assertThat(worker.finalArgs("RUN")).anySatisfy(run -> assertThat(aptPackages(run)).contains("libvips42t64",
        "libheif-plugin-aomenc", "libheif-plugin-x265", "libheif-plugin-dav1d", "libheif-plugin-libde265"));
    assertThat(worker.finalArgs("ENV")).anySatisfy(env -> assertThat(env)
        .contains("VIPS_WARNING=0", "-Djna.boot.library.path=/opt/imgrid/lib"));
    assertThat(worker.finalArgs("COPY")).contains("--from=build /out/lib lib");
    for (Dockerfile.Instruction i : image("gateway").finalStage()) {
      assertThat(i.args().toLowerCase()).as("gateway image: %s", i).doesNotContain("vips");
    }
  }

  /** No registry but the Debian bases: every FROM is one of them or an earlier stage, no syntax line. */
  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker", "nginx", "prometheus"})
  void everyStageStartsFromADebianBaseOrAnEarlierStage(String name) {
    String path = "deploy/docker/" + name + ".Dockerfile";
    assertThat(DeployFiles.text(path)).doesNotContainPattern("(?im)^#\\s*syntax=");
    Set<String> stages = new HashSet<>();
    for (List<Dockerfile.Instruction> stage : Dockerfile.read(path).stages()) {
      String[] from = stage.get(0).args().split(" ");
      assertThat(BASES.contains(from[0]) || stages.contains(from[0])).as("%s: FROM %s", path, from[0]).isTrue();
      if (from.length == 3) {
        stages.add(from[2]);
      }
    }
  }

  /** The front proxy, origin and Prometheus images: Debian's packages, non-root, context deploy/. */
  @ParameterizedTest
  @ValueSource(strings = {"nginx", "prometheus"})
  void theOtherImagesRunDebiansPackagesAsNonRootFromTheDeployContext(String name) {
    Dockerfile file = Dockerfile.read("deploy/docker/" + name + ".Dockerfile");
    List<Dockerfile.Instruction> all = file.stages().stream().flatMap(List::stream).toList();
    assertThat(all).anySatisfy(i -> assertThat(aptPackages(i.args())).contains(name));
    for (Dockerfile.Instruction i : all) {
      if (i.keyword().equals("COPY") && !i.args().startsWith("--from=")) {
        String source = i.args().split(" ")[0].replaceAll("/$", "");
        assertThat(Files.exists(DeployFiles.path("deploy/" + source))).as("COPY source deploy/%s", source).isTrue();
      }
      if (i.keyword().equals("USER")) {
        assertThat(i.args()).isNotIn("root", "0");
      }
    }
    assertThat(all).anySatisfy(i -> assertThat(i.keyword()).isEqualTo("USER"));
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
