package io.imgrid.shared.bus;

import io.vertx.core.Future;

/**
 * Runs one job: the worker implements it (fetch, guard, pipeline, encode). A failed future carries
 * an {@link io.imgrid.shared.error.ImgridException} for every expected failure; anything else is
 * answered as {@link io.imgrid.shared.error.ErrorKind#INTERNAL}. Serve it on the bus with
 * {@link JobReplies#serve}.
 */
@FunctionalInterface
public interface JobHandler {
  Future<ResultMessage> handle(JobMessage job);
}
