package io.imgrid.app.deploy;

import static io.imgrid.app.deploy.DeployFiles.at;
import static io.imgrid.app.deploy.DeployFiles.list;
import static io.imgrid.app.deploy.DeployFiles.listAt;
import static io.imgrid.app.deploy.DeployFiles.map;
import static io.imgrid.app.deploy.DeployFiles.mapAt;
import static io.imgrid.app.deploy.DeployFiles.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml: the imgrid services run the right image and role with known settings and
 * the fixed ports, each node advertises its own address, the worker scales, the front proxy
 * fronts exactly the gateways, and the monitoring profile scrapes every node's metrics port.
 */
class ComposeFileTest {
  private static final List<String> GATEWAYS = List.of("gateway-1", "gateway-2");
  private static final Pattern SHELL_ASSIGNMENT = Pattern.compile("\\b([A-Z][A-Z0-9_]*)=");

  private final Map<String, Object> compose = DeployFiles.document("docker-compose.yml");

  private Map<String, Object> service(String name) {
    return mapAt(compose, "services", name);
  }

  private List<String> imgridServices() {
    List<String> names = new ArrayList<>(GATEWAYS);
    names.add("worker");
    return names;
  }

  private static String role(String service) {
    return service.startsWith("gateway") ? "gateway" : "worker";
  }

  @Test
  void imgridServicesBuildTheirRolesImageAndRunThatRole() {
    for (String name : imgridServices()) {
      Map<String, Object> s = service(name);
      String role = role(name);
      assertThat(at(s, "build", "dockerfile")).as(name).isEqualTo("deploy/docker/" + role + ".Dockerfile");
      assertThat(at(s, "build", "context")).as(name).isEqualTo(".");
      assertThat(str(s.get("image"))).as(name).contains(role);
      assertThat(listAt(s, "command")).as(name).containsExactly(role);
    }
  }

  @Test
  void everyEnvironmentNameOfAnImgridServiceIsAKnownSetting() {
    Set<String> names = new LinkedHashSet<>();
    for (String name : imgridServices()) {
      Map<String, Object> s = service(name);
      names.addAll(mapAt(s, "environment").keySet());
      for (Object part : listAt(s, "entrypoint")) {
        Matcher m = SHELL_ASSIGNMENT.matcher(str(part));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(KnownSettings.names()).as("known settings").contains(n));
  }

  @Test
  void nodesShareTheClusterAndUseTheFixedPorts() {
    Map<String, Object> first = mapAt(service("worker"), "environment");
    for (String name : imgridServices()) {
      Map<String, Object> env = mapAt(service(name), "environment");
      assertThat(env).as(name)
          .containsEntry("IMGPROXY_BIND", ":8080")
          .containsEntry("IMGPROXY_PROMETHEUS_BIND", ":8081")
          .containsEntry("IMGRID_CLUSTER_PORT", "5701")
          .containsEntry("IMGRID_EVENTBUS_PORT", "5702")
          .containsEntry("IMGRID_CLUSTER_DISCOVERY", "tcp");
      // Everything that changes output or membership is the same on every node.
      for (String shared : List.of("IMGRID_CLUSTER_NAME", "IMGRID_CLUSTER_MEMBERS", "IMGPROXY_ALLOWED_SOURCES",
          "IMGPROXY_AUTO_WEBP", "IMGPROXY_MAX_SRC_FILE_SIZE", "IMGPROXY_MAX_SRC_RESOLUTION",
          "IMGPROXY_MAX_RESULT_DIMENSION")) {
        assertThat(env.get(shared)).as("%s %s", name, shared).isNotNull().isEqualTo(first.get(shared));
      }
      assertThat(str(env.get("IMGRID_JAVA_OPTS"))).as(name).containsPattern("-Xmx[0-9]+m");
    }
    // Workers join through the gateways: the member list is exactly the gateways' Hazelcast ports.
    assertThat(str(first.get("IMGRID_CLUSTER_MEMBERS")).split(","))
        .containsExactly("gateway-1:5701", "gateway-2:5701");
    // Only the gateways hold the signing key.
    assertThat(mapAt(service("worker"), "environment")).doesNotContainKeys("IMGPROXY_KEY", "IMGPROXY_SALT");
    for (String gateway : GATEWAYS) {
      assertThat(mapAt(service(gateway), "environment")).containsKeys("IMGPROXY_KEY", "IMGPROXY_SALT");
    }
  }

  @Test
  void theWorkerScalesAndStartsAfterTheGateways() {
    Map<String, Object> worker = service("worker");
    assertThat(worker).doesNotContainKeys("container_name", "ports", "hostname");
    assertThat(mapAt(worker, "depends_on")).containsOnlyKeys(GATEWAYS);
    for (String gateway : GATEWAYS) {
      assertThat(at(worker, "depends_on", gateway, "condition")).isEqualTo("service_healthy");
      assertThat(service(gateway)).doesNotContainKey("ports");
    }
  }

  /**
   * Runs the services' entry point as Compose would (after its `$$` unescaping) against a stand-in
   * bin/imgrid that prints what it was given: the node's own first address and the role.
   */
  @Test
  void theEntryPointAdvertisesTheContainersOwnAddressAndRunsBinImgridWithTheRole(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path fake = dir.resolve("bin/imgrid");
    Files.createDirectories(fake.getParent());
    Files.writeString(fake, "#!/bin/sh\necho \"host=$IMGRID_CLUSTER_HOST args=$*\"\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    String expectedHost = run(dir, List.of("hostname", "-i")).strip().split("\\s+")[0];
    assertThat(expectedHost).isNotBlank();

    for (String name : imgridServices()) {
      List<String> command = new ArrayList<>();
      for (Object part : listAt(service(name), "entrypoint")) {
        command.add(str(part).replace("$$", "$"));
      }
      for (Object arg : listAt(service(name), "command")) {
        command.add(str(arg));
      }
      assertThat(run(dir, command).strip()).as(name).isEqualTo("host=" + expectedHost + " args=" + role(name));
    }
  }

  @Test
  void theFrontProxyPublishes8080AndServesImgridsNginxConfig() {
    Map<String, Object> proxy = service("proxy");
    assertThat(str(proxy.get("image"))).startsWith("nginx:");
    assertThat(listAt(proxy, "ports")).containsExactly("8080:8080");
    assertThat(listAt(proxy, "volumes")).contains("./deploy/nginx/imgrid.conf:/etc/nginx/conf.d/default.conf:ro");
    assertThat(mapAt(proxy, "depends_on")).containsOnlyKeys(GATEWAYS);
    // The nginx upstream pool is exactly the gateway services on their IMGPROXY_BIND port.
    assertThat(NginxConfTest.upstreamServers()).containsExactly("gateway-1:8080", "gateway-2:8080");
  }

  @Test
  void everyBindMountedHostPathExists() {
    for (Map.Entry<String, Object> e : mapAt(compose, "services").entrySet()) {
      Object volumes = map(e.getValue()).get("volumes");
      if (volumes == null) {
        continue;
      }
      for (Object volume : list(volumes)) {
        String host = str(volume).split(":")[0];
        if (host.startsWith("./")) {
          assertThat(Files.exists(DeployFiles.path(host.substring(2)))).as("%s mounts %s", e.getKey(), host).isTrue();
        }
      }
    }
    assertThat(str(service("origin").get("command"))).contains("/srv/origin/gen-samples.sh");
  }

  @Test
  void theMonitoringProfileScrapesEveryNodesMetricsPort() {
    for (String name : List.of("prometheus", "grafana")) {
      assertThat(listAt(service(name), "profiles")).as(name).containsExactly("monitoring");
    }
    for (String name : imgridServices()) {
      assertThat(service(name)).as(name).doesNotContainKey("profiles");
    }
    Map<String, Object> prometheus = DeployFiles.document("deploy/prometheus/prometheus.yml");
    Set<String> gatewayTargets = new LinkedHashSet<>();
    List<String> workerNames = new ArrayList<>();
    for (Object job : listAt(prometheus, "scrape_configs")) {
      Map<String, Object> j = map(job);
      if (j.containsKey("static_configs")) {
        for (Object sc : list(j.get("static_configs"))) {
          for (Object t : listAt(map(sc), "targets")) {
            gatewayTargets.add(str(t));
          }
        }
      }
      if (j.containsKey("dns_sd_configs")) {
        for (Object sd : list(j.get("dns_sd_configs"))) {
          assertThat(map(sd).get("port")).isEqualTo(8081);
          for (Object n : listAt(map(sd), "names")) {
            workerNames.add(str(n));
          }
        }
      }
    }
    assertThat(gatewayTargets).containsExactlyInAnyOrder("gateway-1:8081", "gateway-2:8081");
    assertThat(workerNames).containsExactly("worker");
  }

  private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    return out;
  }
}
