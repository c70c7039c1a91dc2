package io.imgrid.shared.url;

import io.imgrid.shared.config.OptionDefaults;
import io.imgrid.shared.config.SigningConfig;
import io.imgrid.shared.config.UrlConfig;
import io.imgrid.shared.error.RequestException;
import io.imgrid.shared.info.InfoOptions;
import io.imgrid.shared.options.InfoOptionsParser;
import io.imgrid.shared.options.UrlOption;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * imgproxy Pro's {@code /info} URL: {@code /info/%signature/%info_options/plain/%source_url} (or
 * a base64 source). The signature covers what follows it, exactly as for processing URLs, so the
 * same URL-builder libraries sign both; the source is decoded and checked against the allowed
 * sources as for processing. Immutable and thread-safe; throws only {@link RequestException}.
 */
public final class InfoUrlParser {
  /** The first path segment that marks an info request. */
  public static final String SEGMENT = "info";

  private final UrlConfig urlConfig;
  private final OptionDefaults defaults;
  private final SignatureVerifier verifier;
  private final InfoOptionsParser options;
  private final SourceDecoder sources;

  public InfoUrlParser(
      SigningConfig signing, UrlConfig urlConfig, OptionDefaults defaults, Clock clock) {
    this.urlConfig = Objects.requireNonNull(urlConfig, "urlConfig == null");
    this.defaults = Objects.requireNonNull(defaults, "defaults == null");
    this.verifier = new SignatureVerifier(signing);
    this.options = new InfoOptionsParser(urlConfig.allowSecurityOptions(), clock);
    this.sources = new SourceDecoder(urlConfig);
  }

  /** Whether a raw request URI is an info request (its first segment is {@code info}). */
  public static boolean isInfo(String requestUri, String pathPrefix) {
    String uri = requestUri.startsWith(pathPrefix) ? requestUri.substring(pathPrefix.length())
        : requestUri;
    return uri.startsWith("/" + SEGMENT + "/");
  }

  /** The info options and source of a raw (not percent-decoded) {@code /info/...} URI. */
  public Parsed parse(String requestUri) {
    try {
      return doParse(requestUri);
    } catch (RequestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RequestException.invalidUrl("Unparseable info path: " + e);
    }
  }

  private Parsed doParse(String requestUri) {
    RequestPath outer = RequestPath.split(requestUri, urlConfig.pathPrefix());
    if (!outer.signature().equals(SEGMENT)) {
      throw RequestException.invalidUrl("Not an info path");
    }
    RequestPath split = RequestPath.split("/" + outer.path(), "");
    verifier.verify(split.signature(), split.path());
    List<String> parts = UrlOption.split(split.path(), "/");
    UrlOption.Split opts = UrlOption.splitLeading(parts, urlConfig.argumentsSeparator());
    InfoOptions info = options.parse(opts.options(), defaults.limits());
    SourceDecoder.Decoded source = sources.decode(opts.rest());
    urlConfig.allowedSources().check(source.url());
    return new Parsed(info, source.url());
  }

  /** An info request understood: its options and the final source URL. */
  public record Parsed(InfoOptions options, String sourceUrl) {
    public Parsed {
      Objects.requireNonNull(options, "options == null");
      Objects.requireNonNull(sourceUrl, "sourceUrl == null");
    }
  }
}
