package io.imgrid.app;

import io.imgrid.gateway.http.JobRequest;
import io.imgrid.gateway.http.ParsingAuthenticator;
import io.imgrid.shared.config.ImgridConfig;
import io.imgrid.shared.error.ImgridException;
import io.imgrid.shared.info.InfoOptions;
import io.imgrid.shared.job.CanonicalOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * {@code bin/imgrid parse PATH}: what a gateway would make of a request path, with the
 * environment's settings applied: the options, the source and the job key as JSON (exit 0), or
 * the status and public message it would answer (exit 1).
 */
final class ParseCommand {
  private ParseCommand() {}

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length != 1) {
      err.println("usage: imgrid parse PATH");
      return 2;
    }
    ImgridConfig config = ImgridConfig.load(env);
    ParsingAuthenticator authenticator = ParsingAuthenticator.of(config, Clock.systemUTC());
    String path = stripPrefix(args[0], config.server().pathPrefix());
    try {
      JobRequest request =
          authenticator.authenticate(
              "parse", path, MultiMap.caseInsensitiveMultiMap(), Long.MAX_VALUE);
      out.println(describe(request).encodePrettily());
      return 0;
    } catch (ImgridException e) {
      JsonObject refusal =
          new JsonObject()
              .put("status", e.status())
              .put("message", e.publicMessage())
              .put("detail", e.detail());
      out.println(refusal.encodePrettily());
      return 1;
    }
  }

  private static String stripPrefix(String path, String prefix) {
    if (prefix != null && !prefix.isEmpty() && path.startsWith(prefix)) {
      return path.substring(prefix.length());
    }
    return path;
  }

  private static JsonObject describe(JobRequest request) {
    JsonObject options = new JsonObject();
    String canonical = request.job().optionsText();
    boolean info = InfoOptions.isInfo(canonical);
    if (info) {
      canonical = canonical.substring(InfoOptions.PREFIX.length());
    }
    for (String field : canonical.split(info ? "/" : ";")) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        options.put(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    return new JsonObject()
        .put("status", 200)
        .put("kind", info ? "info" : "process")
        .put("source", request.job().sourceUrl())
        .put("options", options)
        .put("options_version", info ? InfoOptions.PREFIX : CanonicalOptions.VERSION)
        .put("expires", request.expiresEpochSeconds())
        .put("filename", request.filename())
        .put("return_attachment", request.returnAttachment())
        .put("raw", request.raw())
        .put("job_key", request.job().jobKey());
  }
}
