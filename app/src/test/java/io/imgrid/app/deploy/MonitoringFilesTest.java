package io.imgrid.app.deploy;

import static io.imgrid.app.deploy.DeployFiles.at;
import static io.imgrid.app.deploy.DeployFiles.listAt;
import static io.imgrid.app.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard queries exactly imgrid's metric names (imgproxy's plus the grid's), through
 * the provisioned Prometheus data source, and the provisioning loads it from where Compose mounts it.
 */
class MonitoringFilesTest {
  private static final String DASHBOARD = "deploy/grafana/dashboards/imgrid.json";

  /** The metrics imgrid exports (imgproxy-contract.md §7 and design.md) that the dashboard shows. */
  private static final Set<String> METRICS = Set.of(
      "requests_total", "status_codes_total", "errors_total", "request_duration_seconds",
      "workers_utilization", "vips_memory_bytes",
      "imgrid_jobs_total", "imgrid_dedup_leaders_total", "imgrid_dedup_followers_total",
      "imgrid_dispatch_retries_total", "imgrid_quarantined_total", "imgrid_workers",
      "imgrid_worker_free_slots", "imgrid_cluster_members");

  private static final Set<String> PROMQL_WORDS = Set.of(
      "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset");

  /** Metric names in a PromQL expression: identifiers that are not functions, keywords or labels. */
  static Set<String> metricsIn(String expr) {
    String stripped = expr
        .replaceAll("\"[^\"]*\"", "")
        .replaceAll("\\{[^}]*}", "")
        .replaceAll("\\[[^]]*]", "")
        .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
    Set<String> names = new HashSet<>();
    Matcher m = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(stripped);
    while (m.find()) {
      if (m.group(2) == null && !PROMQL_WORDS.contains(m.group(1))) {
        names.add(m.group(1).replaceAll("_(bucket|sum|count)$", ""));
      }
    }
    return names;
  }

  private static List<JsonObject> targets() {
    JsonObject dashboard = new JsonObject(DeployFiles.text(DASHBOARD));
    JsonArray panels = dashboard.getJsonArray("panels");
    assertThat(panels).isNotEmpty();
    return panels.stream().map(JsonObject.class::cast)
        .flatMap(p -> p.getJsonArray("targets").stream().map(JsonObject.class::cast)).toList();
  }

  @Test
  void theExpressionParserFindsMetricNamesOnly() {
    assertThat(metricsIn("histogram_quantile(0.95, sum by (le) (rate(request_duration_seconds_bucket{job=\"x\"}[5m])))"))
        .containsExactly("request_duration_seconds");
    assertThat(metricsIn("sum by (instance) (rate(imgrid_jobs_total[1m])) / max(imgrid_workers)"))
        .containsExactlyInAnyOrder("imgrid_jobs_total", "imgrid_workers");
  }

  @Test
  void everyImgridMetricIsShownAndNoUnknownMetricIsQueried() {
    Set<String> queried = new HashSet<>();
    for (JsonObject target : targets()) {
      queried.addAll(metricsIn(target.getString("expr")));
    }
    assertThat(queried).containsExactlyInAnyOrderElementsOf(METRICS);
  }

  @Test
  void panelsUseTheProvisionedPrometheusDataSourceAndTheDashboardIsProvisionedFromItsMount() {
    Object source = listAt(DeployFiles.document("deploy/grafana/provisioning/datasources/prometheus.yml"), "datasources").get(0);
    assertThat(at(map(source), "url")).isEqualTo("http://prometheus:9090");
    String uid = (String) at(map(source), "uid");
    assertThat(targets()).allSatisfy(t -> assertThat(t.getJsonObject("datasource").getString("uid")).isEqualTo(uid));

    Object provider = listAt(DeployFiles.document("deploy/grafana/provisioning/dashboards/imgrid.yml"), "providers").get(0);
    String path = (String) at(map(provider), "options", "path");
    assertThat(listAt(DeployFiles.mapAt(DeployFiles.document("docker-compose.yml"), "services", "grafana"), "volumes"))
        .contains("./deploy/grafana/dashboards:" + path + ":ro",
            "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro");
  }
}
