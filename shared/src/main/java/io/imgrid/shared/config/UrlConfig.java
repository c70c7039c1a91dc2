package io.imgrid.shared.config;

import io.imgrid.shared.options.OptionsParser;
import io.imgrid.shared.options.Presets;
import io.imgrid.shared.url.AllowedSources;
import io.imgrid.shared.url.UrlReplacement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How request paths are read (contract §1, §3.1, §6): prefix, separators, presets, allow-lists,
 * source URL handling. Presets are parsed and applied once at startup; a preset that does not
 * parse or apply is a configuration problem, as in imgproxy.
 */
public record UrlConfig(
    String pathPrefix,
    String argumentsSeparator,
    Presets presets,
    boolean onlyPresets,
    List<String> allowedProcessingOptions,
    boolean allowSecurityOptions,
    boolean base64UrlIncludesFilename,
    List<UrlReplacement> urlReplacements,
    String baseUrl,
    AllowedSources allowedSources) {

  /** Every setting at imgproxy's default. */
  public static final UrlConfig DEFAULT =
      new UrlConfig("", ":", Presets.NONE, false, List.of(), false, false, List.of(), "",
          AllowedSources.ANY);

  public UrlConfig {
    Objects.requireNonNull(pathPrefix, "pathPrefix == null");
    Objects.requireNonNull(argumentsSeparator, "argumentsSeparator == null");
    Objects.requireNonNull(presets, "presets == null");
    Objects.requireNonNull(baseUrl, "baseUrl == null");
    Objects.requireNonNull(allowedSources, "allowedSources == null");
    if (argumentsSeparator.isEmpty()) {
      throw new IllegalArgumentException("argumentsSeparator is empty");
    }
    allowedProcessingOptions = List.copyOf(allowedProcessingOptions);
    urlReplacements = List.copyOf(urlReplacements);
  }

  public static UrlConfig from(Env env) {
    String separator = env.string("IMGPROXY_ARGUMENTS_SEPARATOR", ":");
    String presetsSeparator = env.string("IMGPROXY_PRESETS_SEPARATOR", ",");
    List<String> entries = new ArrayList<>(env.list("IMGPROXY_PRESETS", presetsSeparator));
    String presetsPath = env.raw("IMGPROXY_PRESETS_PATH");
    if (presetsPath != null) {
      try {
        entries.addAll(Files.readAllLines(Path.of(presetsPath), StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        env.problem("IMGPROXY_PRESETS_PATH", "cannot be read: " + e.getMessage());
      }
    }
    List<String> presetProblems = new ArrayList<>();
    Presets presets = Presets.parse(entries, separator, presetProblems);

    List<String> replacementProblems = new ArrayList<>();
    List<UrlReplacement> replacements =
        UrlReplacement.parseList(env.raw("IMGPROXY_URL_REPLACEMENTS"), replacementProblems);
    replacementProblems.forEach(p -> env.problem("IMGPROXY_URL_REPLACEMENTS", p));

    UrlConfig config =
        new UrlConfig(
            env.string("IMGPROXY_PATH_PREFIX", ""),
            separator,
            presets,
            env.bool("IMGPROXY_ONLY_PRESETS", false),
            env.list("IMGPROXY_ALLOWED_PROCESSING_OPTIONS", ","),
            env.bool("IMGPROXY_ALLOW_SECURITY_OPTIONS", false),
            env.bool("IMGPROXY_BASE64_URL_INCLUDES_FILENAME", false),
            replacements,
            env.string("IMGPROXY_BASE_URL", ""),
            AllowedSources.of(env.list("IMGPROXY_ALLOWED_SOURCES", ",")));

    presetProblems.addAll(config.optionsParser(Clock.systemUTC()).validatePresets());
    presetProblems.forEach(p -> env.problem("IMGPROXY_PRESETS", p));
    return config;
  }

  /** The option parser these settings describe. */
  public OptionsParser optionsParser(Clock clock) {
    return new OptionsParser(presets, allowedProcessingOptions, allowSecurityOptions, clock);
  }
}
