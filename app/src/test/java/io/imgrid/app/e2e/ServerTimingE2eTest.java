package io.imgrid.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** IMGRID_SERVER_TIMING through a standalone node: the gateway's and the worker's phases. */
public class ServerTimingE2eTest {
  private static final Pattern METRIC = Pattern.compile("([a-z_-]+);dur=(\\d+\\.\\d{2})");
  static Origin origin;
  static E2eNode node;

  @BeforeAll
  static void start() {
    origin = new Origin();
    node = E2eNode.start(Map.of("IMGRID_SERVER_TIMING", "true",
        "IMGPROXY_ALLOW_LOOPBACK_SOURCE_ADDRESSES", "true"));
  }

  @AfterAll
  static void stop() {
    node.close();
    origin.close();
  }

  /** The metric names of a response's {@code Server-Timing}, in order; every one has a dur. */
  public static List<String> names(HttpResponse<?> r) {
    String header = r.headers().firstValue("Server-Timing").orElseThrow();
    List<String> names = new ArrayList<>();
    for (String part : header.split(", ")) {
      Matcher m = METRIC.matcher(part);
      assertThat(m.matches()).as("metric '%s' of '%s'", part, header).isTrue();
      names.add(m.group(1));
    }
    return names;
  }

  /** One metric's duration in milliseconds. */
  public static double millis(HttpResponse<?> r, String name) {
    for (String part : r.headers().firstValue("Server-Timing").orElseThrow().split(", ")) {
      Matcher m = METRIC.matcher(part);
      if (m.matches() && m.group(1).equals(name)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError("no " + name + " in Server-Timing");
  }

  @Test
  void anImageShowsWhereItsTimeWent() {
    HttpResponse<byte[]> r = node.get("/unsafe/rs:fit:100:100/plain/" + origin.url("/img/photo.jpg"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(names(r)).containsExactly("parse", "queue", "dispatch", "fetch", "pool", "load",
        "process", "save", "total");
    double worker = millis(r, "fetch") + millis(r, "pool") + millis(r, "load")
        + millis(r, "process") + millis(r, "save");
    assertThat(millis(r, "save")).isPositive();
    assertThat(millis(r, "dispatch")).isGreaterThanOrEqualTo(worker - 0.05); // rounding
    assertThat(millis(r, "total")).isGreaterThanOrEqualTo(millis(r, "dispatch"));
  }

  @Test
  void infoAndNotModifiedShowTheirOwnPhasesAndFailuresNone() {
    HttpResponse<byte[]> info = node.get("/info/unsafe/plain/" + origin.url("/img/photo.jpg"));
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(names(info)).containsExactly("parse", "queue", "dispatch", "fetch", "pool", "read",
        "total");
    HttpResponse<byte[]> nm = node.get("/unsafe/rs:fit:90:90/plain/" + origin.url("/img/photo.jpg"),
        "If-None-Match", Origin.ETAG);
    assertThat(nm.statusCode()).isEqualTo(304);
    assertThat(names(nm)).containsExactly("parse", "queue", "dispatch", "fetch", "total");
    HttpResponse<byte[]> bad = node.get("/unsafe/rs:fit:90:90/plain/" + origin.url("/status/404"));
    assertThat(bad.statusCode()).isEqualTo(404);
    assertThat(bad.headers().firstValue("Server-Timing")).isEmpty();
  }
}
