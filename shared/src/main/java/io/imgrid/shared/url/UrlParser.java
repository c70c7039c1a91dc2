package io.imgrid.shared.url;

import io.imgrid.shared.config.OptionDefaults;
import io.imgrid.shared.config.SigningConfig;
import io.imgrid.shared.config.UrlConfig;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.options.OptionsParser;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import io.imgrid.shared.options.UrlOption;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The imgproxy URL contract in one call (contract §1): split the request URI, verify the
 * signature, apply the default preset and the URL options (or only presets), decode the source,
 * apply the extension, check the allowed sources. Immutable and thread-safe.
 *
 * <p>{@link #parse} throws only {@link RequestException} (403/404): a bad path must never surface
 * as anything else, so an unexpected runtime failure inside becomes a 404 too.
 */
public final class UrlParser {
  private final UrlConfig urlConfig;
  private final OptionDefaults defaults;
  private final SignatureVerifier verifier;
  private final OptionsParser options;
  private final SourceDecoder sources;

  public UrlParser(
      SigningConfig signing, UrlConfig urlConfig, OptionDefaults defaults, Clock clock) {
    this.urlConfig = Objects.requireNonNull(urlConfig, "urlConfig == null");
    this.defaults = Objects.requireNonNull(defaults, "defaults == null");
    this.verifier = new SignatureVerifier(signing);
    this.options = urlConfig.optionsParser(clock);
    this.sources = new SourceDecoder(urlConfig);
  }

  /** Parses a raw (not percent-decoded) request URI such as {@code /sig/rs:fit:300/plain/…}. */
  public ParsedUrl parse(String requestUri) {
    try {
      return doParse(requestUri);
    } catch (RequestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RequestException.invalidUrl("Unparseable path: " + e);
    }
  }

  private ParsedUrl doParse(String requestUri) {
    RequestPath split = RequestPath.split(requestUri, urlConfig.pathPrefix());
    if (split.signature().equals("info")) {
      throw RequestException.invalidUrl("An /info URL is not a processing URL (InfoUrlParser)");
    }
    verifier.verify(split.signature(), split.path());

    String path = split.path();
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.isEmpty()) {
      throw RequestException.invalidUrl("Invalid path: " + path);
    }
    List<String> parts = UrlOption.split(trimmed, "/");

    ProcessingOptions.Builder builder = defaults.baseOptions();
    List<String> sourceParts;
    if (urlConfig.onlyPresets()) {
      options.applyDefaultPreset(builder);
      options.applyPresets(builder, UrlOption.split(parts.get(0), urlConfig.argumentsSeparator()));
      sourceParts = parts.subList(1, parts.size());
    } else {
      if (ResizingType.byName(parts.get(0)).isPresent()) {
        throw RequestException.invalidUrl(
            "It looks like you're using the deprecated basic URL format");
      }
      options.applyDefaultPreset(builder);
      UrlOption.Split opts = UrlOption.splitLeading(parts, urlConfig.argumentsSeparator());
      options.applyUrlOptions(builder, opts.options());
      sourceParts = opts.rest();
    }

    SourceDecoder.Decoded source = sources.decode(sourceParts);
    if (!builder.raw() && !source.extension().isEmpty()) {
      options.applyExtension(builder, source.extension());
    }
    urlConfig.allowedSources().check(source.url());
    return new ParsedUrl(split.signature(), split.signedPath(), builder.build(), source.url());
  }
}
