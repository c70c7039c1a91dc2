package io.imgrid.gateway.http;

import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.config.ImgridConfig;
import io.imgrid.shared.config.ServerConfig;
import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.format.FormatConfig;
import io.imgrid.shared.info.InfoOptions;
import io.imgrid.shared.job.CanonicalOptions;
import io.imgrid.shared.job.JobKey;
import io.imgrid.shared.job.JobSpec;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.url.InfoUrlParser;
import io.imgrid.shared.url.ParsedUrl;
import io.imgrid.shared.url.UrlParser;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.util.Objects;

/**
 * The gateway's {@link RequestAuthenticator}: imgproxy's URL contract ({@link UrlParser}: split,
 * signature, options, presets, source, allowed sources), then the Accept bucket, the conditional
 * headers to forward, and the job key that identifies identical work across the cluster; and
 * imgproxy Pro's {@code /info} URLs ({@link InfoUrlParser}), which become jobs of their own kind.
 */
public final class ParsingAuthenticator implements RequestAuthenticator {
  private final UrlParser parser;
  private final InfoUrlParser infoParser;
  private final String pathPrefix;
  private final FormatConfig formats;
  private final ServerConfig.Headers headerSettings;
  private final String settingsFingerprint;

  /**
   * @param settingsFingerprint the settings that change output bytes (quality defaults, encoder
   *     knobs, watermark); part of every job key
   */
  public ParsingAuthenticator(
      UrlParser parser,
      InfoUrlParser infoParser,
      String pathPrefix,
      FormatConfig formats,
      ServerConfig.Headers headerSettings,
      String settingsFingerprint) {
    this.parser = Objects.requireNonNull(parser, "parser == null");
    this.infoParser = Objects.requireNonNull(infoParser, "infoParser == null");
    this.pathPrefix = Objects.requireNonNull(pathPrefix, "pathPrefix == null");
    this.formats = Objects.requireNonNull(formats, "formats == null");
    this.headerSettings = Objects.requireNonNull(headerSettings, "headerSettings == null");
    this.settingsFingerprint =
        Objects.requireNonNull(settingsFingerprint, "settingsFingerprint == null");
  }

  /** The authenticator the settings describe: every gateway and {@code imgrid parse} use it. */
  public static ParsingAuthenticator of(ImgridConfig config, Clock clock) {
    return new ParsingAuthenticator(
        new UrlParser(config.signing(), config.url(), config.defaults(), clock),
        new InfoUrlParser(config.signing(), config.url(), config.defaults(), clock),
        config.url().pathPrefix(),
        config.formats(),
        config.server().headers(),
        config.outputFingerprint());
  }

  @Override
  public JobRequest authenticate(
      String requestId, String requestUri, MultiMap headers, long deadlineEpochMillis) {
    if (InfoUrlParser.isInfo(requestUri, pathPrefix)) {
      return info(requestId, requestUri, headers, deadlineEpochMillis);
    }
    ParsedUrl parsed = parser.parse(requestUri);
    ProcessingOptions options = parsed.options();
    AcceptBucket bucket = bucketFor(options, headers.get("Accept"));
    ConditionalRequest conditional =
        ConditionalRequest.forOrigin(
            headers.get("If-None-Match"), headers.get("If-Modified-Since"), headerSettings);
    JobKey key =
        JobKey.of(
            new JobSpec(
                parsed.sourceUrl(),
                options,
                bucket,
                conditional.ifNoneMatch(),
                conditional.ifModifiedSince(),
                settingsFingerprint));
    JobMessage job =
        new JobMessage(
            requestId,
            key.hex(),
            parsed.sourceUrl(),
            CanonicalOptions.encode(options),
            bucket.webp(),
            bucket.avif(),
            bucket.jxl(),
            conditional.ifNoneMatch(),
            conditional.ifModifiedSince(),
            deadlineEpochMillis);
    return new JobRequest(
        job,
        options.expires(),
        options.filename(),
        options.returnAttachment(),
        options.raw(),
        formats.negotiates());
  }

  /**
   * An {@code /info} request: a job like any other (dispatched, deduplicated by its own key), the
   * info options as its options text, no Accept bucket (the answer is JSON whatever the client
   * takes).
   */
  private JobRequest info(
      String requestId, String requestUri, MultiMap headers, long deadlineEpochMillis) {
    InfoUrlParser.Parsed parsed = infoParser.parse(requestUri);
    ConditionalRequest conditional =
        ConditionalRequest.forOrigin(
            headers.get("If-None-Match"), headers.get("If-Modified-Since"), headerSettings);
    InfoOptions options = parsed.options();
    JobKey key = JobKey.ofInfo(parsed.sourceUrl(), options, conditional.ifNoneMatch(),
        conditional.ifModifiedSince());
    JobMessage job =
        new JobMessage(
            requestId, key.hex(), parsed.sourceUrl(), options.encode(), false, false, false,
            conditional.ifNoneMatch(), conditional.ifModifiedSince(), deadlineEpochMillis);
    return new JobRequest(job, options.expires(), null, false, false, false);
  }

  /**
   * The Accept bucket only matters when it can change the output: when the URL names no format,
   * or an ENFORCE setting may override the one it names. Otherwise it is empty, so clients with
   * different Accept headers share one job.
   */
  private AcceptBucket bucketFor(ProcessingOptions options, String accept) {
    boolean enforces = formats.enforceWebp() || formats.enforceAvif() || formats.enforceJxl();
    if (options.raw() || (options.format() != null && !enforces)) {
      return AcceptBucket.NONE;
    }
    return AcceptBucket.of(accept, formats);
  }
}
