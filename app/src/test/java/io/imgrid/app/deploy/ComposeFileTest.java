package io.imgrid.app.deploy;

import static io.imgrid.app.deploy.DeployFiles.at;
import static io.imgrid.app.deploy.DeployFiles.list;
import static io.imgrid.app.deploy.DeployFiles.listAt;
import static io.imgrid.app.deploy.DeployFiles.map;
import static io.imgrid.app.deploy.DeployFiles.mapAt;
import static io.imgrid.app.deploy.DeployFiles.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.config.ClusterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: the imgrid services run the right image and role with known settings and
 * the fixed ports, each node advertises its own address, the worker scales, the front proxy
 * fronts exactly the gateways, every image is built here from the Debian bases (only the
 * optional Grafana profile pulls one), every container is hardened, and the monitoring profile
 * scrapes every node's metrics port. .ci/kit-compose.sh runs the file for real.
 */
class ComposeFileTest {
  private static final List<String> GATEWAYS = List.of("gateway-1", "gateway-2");

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
      for (String shared : List.of("IMGRID_CLUSTER_NAME", "IMGRID_CLUSTER_MEMBERS", "IMGRID_CLUSTER_HOST",
          "IMGPROXY_ALLOWED_SOURCES",
          "IMGPROXY_AUTO_WEBP", "IMGPROXY_MAX_SRC_FILE_SIZE", "IMGPROXY_MAX_SRC_RESOLUTION",
          "IMGPROXY_MAX_RESULT_DIMENSION")) {
        assertThat(env.get(shared)).as("%s %s", name, shared).isNotNull().isEqualTo(first.get(shared));
      }
      // The heap comes from the image (a share of the limit), so every node has a memory limit.
      assertThat(env).as(name).doesNotContainKey("IMGRID_JAVA_OPTS");
      assertThat(str(service(name).get("mem_limit"))).as(name).matches("[0-9]+[mg]");
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
   * Each node advertises its own container address: IMGRID_CLUSTER_HOST is the code's "my own
   * host name" value (resolved once at start; Docker maps a container's host name to its IP), and
   * the image's own entry point, bin/imgrid, runs the role: no shell wrapper.
   */
  @Test
  void eachNodeAdvertisesItsOwnHostNameAndRunsTheImagesEntryPoint() {
    for (String name : imgridServices()) {
      assertThat(mapAt(service(name), "environment")).as(name)
          .containsEntry("IMGRID_CLUSTER_HOST", ClusterConfig.OWN_HOST_NAME);
      assertThat(service(name)).as(name).doesNotContainKey("entrypoint");
    }
    for (String gateway : GATEWAYS) {
      assertThat(service(gateway).get("hostname")).isEqualTo(gateway);
    }
  }

  /** Every image but the optional Grafana's is built here, with host networking for apt and Maven. */
  @Test
  void everyServiceBuildsItsImageFromTheRepositoryExceptTheGrafanaProfile() {
    for (Map.Entry<String, Object> e : mapAt(compose, "services").entrySet()) {
      Map<String, Object> s = map(e.getValue());
      if (e.getKey().equals("grafana")) {
        assertThat(listAt(s, "profiles")).containsExactly("grafana");
        continue;
      }
      assertThat(mapAt(s, "build")).as(e.getKey()).containsEntry("network", "host");
      String context = str(at(s, "build", "context"));
      String dockerfile = str(at(s, "build", "dockerfile"));
      Path file = DeployFiles.path(context).resolve(dockerfile).normalize();
      assertThat(file).as(e.getKey()).exists().startsWith(DeployFiles.path("deploy/docker"));
      assertThat(str(s.get("image"))).as(e.getKey()).startsWith("imgrid/");
    }
  }

  /** Non-root images (the Dockerfiles), and in Compose: read-only root, no capabilities, restarts. */
  @Test
  void everyBuiltContainerIsHardenedAndRestarts() {
    for (Map.Entry<String, Object> e : mapAt(compose, "services").entrySet()) {
      Map<String, Object> s = map(e.getValue());
      if (e.getKey().equals("grafana")) {
        continue;
      }
      assertThat(s).as(e.getKey()).containsEntry("read_only", true).containsEntry("restart", "unless-stopped");
      assertThat(listAt(s, "cap_drop")).as(e.getKey()).containsExactly("ALL");
      assertThat(listAt(s, "security_opt")).as(e.getKey()).containsExactly("no-new-privileges:true");
      if (!e.getKey().equals("prometheus")) {
        assertThat(listAt(s, "tmpfs")).as(e.getKey()).anySatisfy(t -> assertThat(str(t)).startsWith("/tmp:"));
      }
    }
  }

  @Test
  void theFrontProxyPublishes8080AndServesImgridsNginxConfig() {
    Map<String, Object> proxy = service("proxy");
    assertThat(at(proxy, "build", "target")).isEqualTo("proxy");
    assertThat(at(proxy, "build", "dockerfile")).isEqualTo("docker/nginx.Dockerfile");
    // The only published port: 8080 on every interface unless IMGRID_PUBLISH says otherwise.
    assertThat(listAt(proxy, "ports")).singleElement()
        .satisfies(p -> assertThat(ComposeEnv.interpolate(str(p))).isEqualTo("8080:8080"));
    for (String name : List.of("gateway-1", "gateway-2", "worker", "origin")) {
      assertThat(service(name)).as(name).doesNotContainKey("ports");
    }
    assertThat(listAt(proxy, "volumes")).contains("./deploy/nginx/imgrid.conf:/etc/nginx/conf.d/default.conf:ro");
    assertThat(DeployFiles.text("deploy/nginx/nginx.conf")).contains("include /etc/nginx/conf.d/*.conf;");
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
    // The origin's samples are generated when its image is built.
    assertThat(at(service("origin"), "build", "target")).isEqualTo("origin");
    assertThat(DeployFiles.text("deploy/docker/nginx.Dockerfile"))
        .contains("RUN sh /srv/origin-src/gen-samples.sh /srv/origin");
  }

  @Test
  void theMonitoringProfileScrapesEveryNodesMetricsPort() {
    assertThat(listAt(service("prometheus"), "profiles")).containsExactly("monitoring", "grafana");
    assertThat(listAt(service("grafana"), "profiles")).containsExactly("grafana");
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
}
