package io.imgrid.worker.pipeline.steps;

import io.imgrid.worker.TestImages;
import io.imgrid.worker.vips.VipsScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One scope per test, real libvips. */
abstract class StepTestBase {
  VipsScope scope;

  @BeforeAll
  static void initVips() {
    TestImages.init();
  }

  @BeforeEach
  void open() {
    scope = new VipsScope();
  }

  @AfterEach
  void close() {
    scope.close();
  }
}
