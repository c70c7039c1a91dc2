package io.imgrid.worker.pipeline;

/**
 * One stage of imgproxy's fixed processing order (contract §3.5). A step reads what it needs from
 * the {@link PipelineContext}, replaces {@link PipelineContext#image()} with its result (or leaves
 * it alone when it has nothing to do), and never recomputes geometry: sizes come from {@link
 * PipelineContext#plan()}.
 */
public interface Step {

  void apply(PipelineContext ctx);

  /**
   * Whether the step runs on each frame of an animation (true) or once on the joined frames
   * (false: the watermark and the finalising colour and metadata steps). In {@link Pipeline} every
   * per-frame step comes before every joined one.
   */
  default boolean perFrame() {
    return true;
  }

  /** The name in logs and timeout messages. */
  default String name() {
    return getClass().getSimpleName();
  }
}
