package io.imgrid.worker;

import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.worker.pipeline.Deadline;
import io.imgrid.worker.vips.Vips;
import java.util.Map;

/** Runs jobs through a real {@link ImageProcessor} in tests. */
public final class Jobs {
  private Jobs() {}

  public static ImageProcessor processor(Map<String, String> env) {
    TestImages.init();
    return new ImageProcessor(ImageProcessorConfig.of(env), Vips.capabilities());
  }

  public static ProcessedImage run(ImageProcessor p, byte[] source, ProcessingOptions o) {
    return p.process(source, o, AcceptBucket.NONE, Deadline.none());
  }
}
