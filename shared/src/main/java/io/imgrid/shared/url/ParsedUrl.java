package io.imgrid.shared.url;

import io.imgrid.shared.options.ProcessingOptions;
import java.util.Objects;

/**
 * A request path understood: the signature as sent, the signed path (with its leading slash),
 * the options after defaults, presets, URL options and the extension, and the final source URL
 * (after replacements and the base URL, already checked against the allowed sources).
 */
public record ParsedUrl(String signature, String path, ProcessingOptions options, String sourceUrl) {
  public ParsedUrl {
    Objects.requireNonNull(signature, "signature == null");
    Objects.requireNonNull(path, "path == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(sourceUrl, "sourceUrl == null");
  }
}
