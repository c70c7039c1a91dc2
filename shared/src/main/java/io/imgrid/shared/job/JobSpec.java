package io.imgrid.shared.job;

import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.options.ProcessingOptions;
import java.util.Objects;

/**
 * Everything that decides the bytes of one answer (design "The job key"): two requests with
 * equal specs get the same body, so they can share one job.
 *
 * @param sourceUrl the full, decoded source URL, query included
 * @param options the parsed options after presets and defaults; the requested format is
 *     {@code options.format()}
 * @param bucket the client's Accept bucket
 * @param ifNoneMatch the request's {@code If-None-Match}, null when absent
 * @param ifModifiedSince the request's {@code If-Modified-Since}, null when absent
 * @param settingsFingerprint the fingerprint of every setting that changes output
 */
public record JobSpec(
    String sourceUrl,
    ProcessingOptions options,
    AcceptBucket bucket,
    String ifNoneMatch,
    String ifModifiedSince,
    String settingsFingerprint) {

  public JobSpec {
    Objects.requireNonNull(sourceUrl, "sourceUrl == null");
    Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(bucket, "bucket == null");
    Objects.requireNonNull(settingsFingerprint, "settingsFingerprint == null");
  }
}
