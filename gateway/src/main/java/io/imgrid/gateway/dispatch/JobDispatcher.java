package io.imgrid.gateway.dispatch;

import io.imgrid.shared.bus.JobMessage;
import io.imgrid.shared.bus.ResultMessage;
import io.vertx.core.Future;

/**
 * Runs a job on some worker and returns its result. A failed future carries an
 * {@link io.imgrid.shared.error.ImgridException}; the dispatcher gives up by the job's deadline.
 * Standalone mode uses {@link LocalDispatcher}; the grid's implementation adds dedup, worker
 * choice and retries behind the same interface.
 */
@FunctionalInterface
public interface JobDispatcher {
  Future<ResultMessage> dispatch(JobMessage job);
}
