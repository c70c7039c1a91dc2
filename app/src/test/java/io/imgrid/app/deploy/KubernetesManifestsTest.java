package io.imgrid.app.deploy;

import static io.imgrid.app.deploy.DeployFiles.at;
import static io.imgrid.app.deploy.DeployFiles.list;
import static io.imgrid.app.deploy.DeployFiles.listAt;
import static io.imgrid.app.deploy.DeployFiles.map;
import static io.imgrid.app.deploy.DeployFiles.mapAt;
import static io.imgrid.app.deploy.DeployFiles.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * deploy/k8s: every document of every manifest, checked against imgrid's roles, routes, ports and
 * settings, and against each other (selectors, references, the HPA target, the isolation rules).
 * Schema validity against the Kubernetes API is a separate check (see deploy/README.md).
 */
class KubernetesManifestsTest {
  private static final String PART_OF = "app.kubernetes.io/part-of";
  private static final String COMPONENT = "app.kubernetes.io/component";
  private static final Pattern EXPANSION = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)");

  private final List<Map<String, Object>> docs = load();

  private static List<Map<String, Object>> load() {
    List<Map<String, Object>> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(DeployFiles.path("deploy/k8s"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        all.addAll(DeployFiles.documents("deploy/k8s/" + f.getFileName()));
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return all;
  }

  private List<Map<String, Object>> ofKind(String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
  }

  private Map<String, Object> named(String kind, String name) {
    return ofKind(kind).stream().filter(d -> name.equals(at(d, "metadata", "name"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  private Map<String, Object> deployment(String role) {
    List<Map<String, Object>> found = ofKind("Deployment").stream()
        .filter(d -> role.equals(mapAt(d, "spec", "template", "metadata", "labels").get(COMPONENT))).toList();
    assertThat(found).as("Deployments of role %s", role).hasSize(1);
    return found.get(0);
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    List<Object> containers = listAt(deployment, "spec", "template", "spec", "containers");
    assertThat(containers).hasSize(1);
    return map(containers.get(0));
  }

  private static Map<String, Object> podLabels(Map<String, Object> deployment) {
    return mapAt(deployment, "spec", "template", "metadata", "labels");
  }

  private static boolean selects(Map<String, Object> matchLabels, Map<String, Object> labels) {
    return !matchLabels.isEmpty() && labels.entrySet().containsAll(matchLabels.entrySet());
  }

  /** A container's env entries by name. */
  private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (Object e : listAt(container, "env")) {
      out.put(str(map(e).get("name")), map(e));
    }
    return out;
  }

  @Test
  void theExpectedObjectsArePresent() {
    for (String kind : List.of("Namespace")) {
      assertThat(ofKind(kind)).as("namespace-agnostic: no %s", kind).isEmpty();
    }
    for (Map<String, Object> d : docs) {
      assertThat(mapAt(d, "metadata")).as("namespace-agnostic").doesNotContainKey("namespace");
      assertThat(mapAt(d, "metadata", "labels")).containsEntry(PART_OF, "imgrid");
    }
    assertThat(ofKind("Deployment")).hasSize(2);
    assertThat(ofKind("HorizontalPodAutoscaler")).hasSize(1);
    assertThat(ofKind("PodDisruptionBudget")).hasSize(2);
    assertThat(ofKind("Ingress")).hasSize(1);
    assertThat(ofKind("Secret")).hasSize(1);
    assertThat(ofKind("NetworkPolicy")).isNotEmpty();
  }

  @Test
  void everyEnvironmentNameIsAKnownSetting() {
    Set<String> names = new HashSet<>();
    for (String role : List.of("gateway", "worker")) {
      Map<String, Object> c = container(deployment(role));
      Map<String, Map<String, Object>> env = env(c);
      Set<String> expandedHelpers = new HashSet<>();
      for (Map<String, Object> e : env.values()) {
        Matcher m = EXPANSION.matcher(String.valueOf(e.get("value")));
        while (m.find()) {
          expandedHelpers.add(m.group(1));
        }
      }
      for (String name : env.keySet()) {
        // A helper that only feeds a $(NAME) expansion (the pod's namespace) is not a setting.
        if (!expandedHelpers.contains(name)) {
          names.add(name);
        }
      }
      assertThat(expandedHelpers).as("expansions refer to variables defined in the container").isSubsetOf(env.keySet());
      for (Object from : listAt(c, "envFrom")) {
        String configMap = str(at(map(from), "configMapRef", "name"));
        names.addAll(mapAt(named("ConfigMap", configMap), "data").keySet());
      }
    }
    for (Map<String, Object> secret : ofKind("Secret")) {
      names.addAll(mapAt(secret, "stringData").keySet());
    }
    assertThat(names).isNotEmpty().allSatisfy(n -> assertThat(KnownSettings.names()).as("known settings").contains(n));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void eachDeploymentRunsItsRoleOnTheFixedPortsWithRealProbes(String role) {
    Map<String, Object> c = container(deployment(role));
    assertThat(str(c.get("image"))).contains("/" + role + ":");
    assertThat(listAt(c, "args")).containsExactly(role);
    assertThat(c).doesNotContainKey("command"); // keeps the image's ENTRYPOINT, bin/imgrid

    Map<String, Integer> ports = new HashMap<>();
    for (Object p : listAt(c, "ports")) {
      ports.put(str(map(p).get("name")), (Integer) map(p).get("containerPort"));
    }
    assertThat(ports).containsEntry("http", 8080).containsEntry("metrics", 8081)
        .containsEntry("hazelcast", 5701).containsEntry("eventbus", 5702);

    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(str(at(c, probe, "httpGet", "port"))).as(probe).isEqualTo("http");
    }
    assertThat(at(c, "livenessProbe", "httpGet", "path")).isEqualTo("/health");
    assertThat(at(c, "startupProbe", "httpGet", "path")).isEqualTo("/health");
    assertThat(at(c, "readinessProbe", "httpGet", "path")).isEqualTo("/health/ready");

    Map<String, Object> config = configFor(c);
    assertThat(config).containsEntry("IMGPROXY_BIND", ":8080").containsEntry("IMGPROXY_PROMETHEUS_BIND", ":8081")
        .containsEntry("IMGRID_CLUSTER_PORT", "5701").containsEntry("IMGRID_EVENTBUS_PORT", "5702")
        .containsEntry("IMGRID_CLUSTER_DISCOVERY", "kubernetes");
    assertThat(mapAt(deployment(role), "spec", "template", "metadata", "annotations"))
        .containsEntry("prometheus.io/port", "8081");
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void eachNodeAdvertisesItsPodIpAndFindsTheOthersThroughTheHeadlessService(String role) {
    Map<String, Map<String, Object>> env = env(container(deployment(role)));
    assertThat(at(env.get("IMGRID_CLUSTER_HOST"), "valueFrom", "fieldRef", "fieldPath")).isEqualTo("status.podIP");
    assertThat(at(env.get("POD_NAMESPACE"), "valueFrom", "fieldRef", "fieldPath")).isEqualTo("metadata.namespace");

    Map<String, Object> headless = ofKind("Service").stream()
        .filter(s -> "None".equals(mapAt(s, "spec").get("clusterIP"))).findFirst().orElseThrow();
    assertThat(str(env.get("IMGRID_KUBERNETES_SERVICE_DNS").get("value")))
        .isEqualTo(at(headless, "metadata", "name") + ".$(POD_NAMESPACE).svc.cluster.local");
    assertThat(mapAt(headless, "spec")).containsEntry("publishNotReadyAddresses", true);
    assertThat(selects(mapAt(headless, "spec", "selector"), podLabels(deployment(role)))).isTrue();
    assertThat(listAt(headless, "spec", "ports")).singleElement()
        .satisfies(p -> assertThat(map(p)).containsEntry("port", 5701).containsEntry("targetPort", "hazelcast"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void everyDeploymentHasGuaranteedMemoryAndAHeapThatFitsInIt(String role) {
    Map<String, Object> c = container(deployment(role));
    Map<String, Object> requests = mapAt(c, "resources", "requests");
    Map<String, Object> limits = mapAt(c, "resources", "limits");
    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(limits).containsKeys("cpu", "memory");
    assertThat(requests.get("memory")).isEqualTo(limits.get("memory"));

    long limit = quantity(str(limits.get("memory")));
    String opts = str(env(c).get("IMGRID_JAVA_OPTS").get("value"));
    long heap = javaSize(opts, "-Xmx");
    long direct = javaSize(opts, "-XX:MaxDirectMemorySize=");
    long nativeImages = 0;
    if (role.equals("worker")) {
      // The arithmetic written in worker.yaml, recomputed from the values the pod really gets:
      // slots x (source + 50 MP x 4 B decoded + 16 MiB result) must fit beside heap and direct.
      Map<String, Object> config = configFor(c);
      long slots = Long.parseLong(str(env(c).get("IMGPROXY_WORKERS").get("value")));
      long source = Long.parseLong(str(config.get("IMGPROXY_MAX_SRC_FILE_SIZE")));
      long decoded = (long) (Double.parseDouble(str(config.get("IMGPROXY_MAX_SRC_RESOLUTION"))) * 1_000_000 * 4);
      long cpus = Long.parseLong(str(limits.get("cpu")));
      assertThat(slots).as("imgproxy's 2 x cores").isEqualTo(2 * cpus);
      assertThat(source).isPositive();
      assertThat(config).containsKey("IMGPROXY_MAX_RESULT_DIMENSION");
      nativeImages = slots * (source + decoded + 16L * 1024 * 1024);
    }
    assertThat(heap + direct + nativeImages).as("heap + direct + decoded images vs the %s memory limit", role)
        .isLessThan(limit);
    assertThat(limit - heap - direct - nativeImages).as("room left for JVM non-heap and malloc slack")
        .isGreaterThan(200L * 1024 * 1024);
  }

  @Test
  void theHpaScalesTheWorkerDeploymentOnCpu() {
    Map<String, Object> hpa = ofKind("HorizontalPodAutoscaler").get(0);
    assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
    Map<String, Object> worker = deployment("worker");
    assertThat(mapAt(hpa, "spec", "scaleTargetRef")).containsEntry("apiVersion", "apps/v1")
        .containsEntry("kind", "Deployment").containsEntry("name", at(worker, "metadata", "name"));
    assertThat(mapAt(worker, "spec")).as("the HPA owns replicas").doesNotContainKey("replicas");
    assertThat(listAt(hpa, "spec", "metrics")).singleElement().satisfies(m -> {
      assertThat(at(map(m), "resource", "name")).isEqualTo("cpu");
      assertThat(at(map(m), "resource", "target", "type")).isEqualTo("Utilization");
    });
    assertThat((Integer) at(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gateway", "worker"})
  void aDisruptionBudgetCoversEachDeployment(String role) {
    Map<String, Object> labels = podLabels(deployment(role));
    assertThat(ofKind("PodDisruptionBudget"))
        .filteredOn(p -> selects(mapAt(p, "spec", "selector", "matchLabels"), labels)).hasSize(1);
    assertThat(selects(mapAt(deployment(role), "spec", "selector", "matchLabels"), labels)).isTrue();
    assertThat(labels).containsEntry(PART_OF, "imgrid");
  }

  @Test
  void theSigningSecretIsReferencedByTheGatewaysAndHoldsOnlyMarkedPlaceholders() {
    Map<String, Object> secret = ofKind("Secret").get(0);
    Map<String, Object> data = mapAt(secret, "stringData");
    assertThat(data).containsOnlyKeys("IMGPROXY_KEY", "IMGPROXY_SALT");
    assertThat(data.values()).allSatisfy(v -> assertThat(str(v)).startsWith("REPLACE-ME"));

    Map<String, Map<String, Object>> gatewayEnv = env(container(deployment("gateway")));
    for (String key : List.of("IMGPROXY_KEY", "IMGPROXY_SALT")) {
      Map<String, Object> ref = mapAt(gatewayEnv.get(key), "valueFrom", "secretKeyRef");
      assertThat(ref).containsEntry("name", at(secret, "metadata", "name")).containsEntry("key", key);
    }
    assertThat(env(container(deployment("worker")))).doesNotContainKeys("IMGPROXY_KEY", "IMGPROXY_SALT");
    assertThat(configFor(container(deployment("worker")))).doesNotContainKeys("IMGPROXY_KEY", "IMGPROXY_SALT");
  }

  @Test
  void theIngressReachesTheGatewaysThroughTheirService() {
    Map<String, Object> ingress = ofKind("Ingress").get(0);
    Map<String, Object> backend = map(at(map(list(at(map(listAt(ingress, "spec", "rules").get(0)), "http", "paths")).get(0)),
        "backend", "service"));
    Map<String, Object> service = named("Service", str(backend.get("name")));
    assertThat(selects(mapAt(service, "spec", "selector"), podLabels(deployment("gateway")))).isTrue();
    assertThat(selects(mapAt(service, "spec", "selector"), podLabels(deployment("worker")))).isFalse();
    Map<String, Object> port = map(listAt(service, "spec", "ports").get(0));
    assertThat(port).containsEntry("name", at(backend, "port", "name")).containsEntry("targetPort", "http");
  }

  /**
   * 5701 and 5702 only from imgrid pods, 8080 only from the ingress controller, and no rule that
   * admits anyone to them. Policies are additive, so every rule naming one of these ports is checked.
   */
  @Test
  void networkPoliciesAdmitClusterPortsOnlyFromImgridAndHttpOnlyFromTheIngress() {
    Set<Integer> clusterPortsCovered = new HashSet<>();
    boolean httpCovered = false;
    for (Map<String, Object> policy : ofKind("NetworkPolicy")) {
      Map<String, Object> selected = mapAt(policy, "spec", "podSelector", "matchLabels");
      assertThat(selected).containsEntry(PART_OF, "imgrid");
      assertThat(listAt(policy, "spec", "policyTypes")).contains("Ingress");
      for (Object ruleObj : listAt(policy, "spec", "ingress")) {
        Map<String, Object> rule = map(ruleObj);
        List<Object> from = listAt(rule, "from");
        assertThat(from).as("a rule without peers admits everyone").isNotEmpty();
        assertThat(rule).as("a rule without ports opens every port").containsKey("ports");
        Set<Integer> ports = new HashSet<>();
        for (Object p : list(rule.get("ports"))) {
          ports.add((Integer) map(p).get("port"));
        }
        for (Object peerObj : from) {
          Map<String, Object> peer = map(peerObj);
          assertThat(peer).doesNotContainKey("ipBlock");
          if (ports.contains(5701) || ports.contains(5702)) {
            assertThat(peer).containsOnlyKeys("podSelector");
            assertThat(mapAt(peer, "podSelector", "matchLabels")).containsExactly(Map.entry(PART_OF, "imgrid"));
          }
          if (ports.contains(8080)) {
            assertThat(peer).containsKeys("namespaceSelector", "podSelector");
            assertThat(mapAt(peer, "namespaceSelector", "matchLabels")).isNotEmpty();
            assertThat(mapAt(peer, "podSelector", "matchLabels")).doesNotContainKey(PART_OF);
          }
        }
        if (ports.contains(5701) || ports.contains(5702)) {
          assertThat(selected).containsOnlyKeys(PART_OF);
          clusterPortsCovered.addAll(ports);
        }
        if (ports.contains(8080)) {
          assertThat(ports).containsOnly(8080);
          assertThat(selected).containsEntry(COMPONENT, "gateway");
          httpCovered = true;
        }
      }
    }
    assertThat(clusterPortsCovered).contains(5701, 5702);
    assertThat(httpCovered).isTrue();
  }

  private Map<String, Object> configFor(Map<String, Object> container) {
    Map<String, Object> merged = new HashMap<>();
    for (Object from : listAt(container, "envFrom")) {
      merged.putAll(mapAt(named("ConfigMap", str(at(map(from), "configMapRef", "name"))), "data"));
    }
    return merged;
  }

  /** Kubernetes memory quantity (Mi, Gi, M, G, plain bytes) in bytes. */
  static long quantity(String q) {
    Matcher m = Pattern.compile("([0-9]+)(Ki|Mi|Gi|k|M|G)?").matcher(q);
    assertThat(m.matches()).as("memory quantity %s", q).isTrue();
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    switch (unit) {
      case "Ki": return n << 10;
      case "Mi": return n << 20;
      case "Gi": return n << 30;
      case "k": return n * 1_000L;
      case "M": return n * 1_000_000L;
      case "G": return n * 1_000_000_000L;
      default: return n;
    }
  }

  /** A JVM size option's value in bytes, e.g. -Xmx320m. */
  static long javaSize(String opts, String prefix) {
    Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(prefix) + "([0-9]+)([kmg])(?:\\s|$)").matcher(opts);
    assertThat(m.find()).as("%s in %s", prefix, opts).isTrue();
    long n = Long.parseLong(m.group(1));
    return n << (m.group(2).equals("k") ? 10 : m.group(2).equals("m") ? 20 : 30);
  }
}
