package io.imgrid.gateway.http;

import io.imgrid.shared.bus.JobMessage;
import java.util.Objects;

/**
 * An authenticated, parsed processing request: the job to dispatch plus what the gateway needs to
 * build this client's response headers (the options that change headers only).
 *
 * @param job the job for a worker
 * @param expiresEpochSeconds the {@code expires} option, 0 when absent
 * @param filename the {@code filename} option, or null
 * @param returnAttachment the {@code return_attachment} option
 * @param raw the {@code raw} option (stream the source unprocessed)
 * @param varyAccept true when the output format depends on the {@code Accept} header (format
 *     negotiation is on and the URL names no format): the response then carries {@code Vary: Accept}
 */
public record JobRequest(
    JobMessage job,
    long expiresEpochSeconds,
    String filename,
    boolean returnAttachment,
    boolean raw,
    boolean varyAccept) {

  public JobRequest {
    Objects.requireNonNull(job, "job == null");
  }
}
