package io.imgrid.worker.job;

import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.options.ProcessingOptions;

/**
 * What the job handler needs from the image pipeline: source bytes in, encoded image out. It is
 * a port so the handler (fetch, fallback, replies, threading) does not depend on how the
 * pipeline is assembled; the composition root hands in the worker's pipeline.
 *
 * <p>Called on a worker-pool thread, never on an event loop; it may block for as long as the
 * deadline allows.
 */
@FunctionalInterface
public interface ImageProcessing {
  /**
   * @param deadlineMillis when the request times out ({@code System.currentTimeMillis} clock)
   * @throws io.imgrid.shared.error.ImgridException for every expected failure (422, 503, …)
   */
  Processed process(
      byte[] source, ProcessingOptions options, AcceptBucket bucket, long deadlineMillis);
}
