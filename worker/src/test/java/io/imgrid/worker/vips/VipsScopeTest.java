package io.imgrid.worker.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.format.ImageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VipsScopeTest {
  private static byte[] jpeg;

  @BeforeAll
  static void init() {
    VipsTesting.init();
    try (VipsScope scope = new VipsScope()) {
      jpeg = VipsSave.jpeg(VipsTesting.rgb(scope, 300, 200),
          new VipsSave.Jpeg(85, true, false, VipsSave.Keep.NONE));
    }
  }

  /** One small job: decode, resize, rotate, crop, encode. */
  private static byte[] job(VipsScope scope) {
    VipsImage in = VipsLoad.buffer(scope, ImageFormat.JPEG, jpeg, LoadOptions.DEFAULT);
    VipsImage small = VipsOps.resize(in, 0.5, 0.5, VipsKernel.LANCZOS3);
    VipsImage turned = VipsOps.rot(small, VipsAngle.D90);
    VipsImage cropped = VipsOps.extractArea(turned, 0, 0, 50, 50);
    return VipsSave.webp(cropped, new VipsSave.Webp(75, 0, VipsWebpPreset.DEFAULT,
        VipsSave.Keep.NONE));
  }

  @Test
  void closeReleasesEveryHandleInReverseOrderAndIsIdempotent() {
    VipsScope scope = new VipsScope();
    VipsImage a = VipsOps.black(scope, 4, 4, 1);
    VipsImage b = VipsOps.copy(a);
    VipsBlob blob = scope.blob(new byte[] {1, 2, 3});
    assertThat(scope.ownedHandles()).isEqualTo(3);
    b.close();
    b.close();
    scope.close();
    scope.close();
    assertThat(a.isClosed()).isTrue();
    assertThat(blob.isClosed()).isTrue();
    assertThat(scope.isClosed()).isTrue();
  }

  @Test
  void aBlobHoldsExactlyTheBytesAndOutlivesItsHandleWhileAnImageReadsIt() {
    try (VipsScope scope = new VipsScope(); com.sun.jna.Memory len = new com.sun.jna.Memory(8)) {
      VipsBlob blob = scope.blob(jpeg);
      com.sun.jna.Pointer data = LibVips.vips_blob_get(blob.pointer(), len);
      assertThat(len.getLong(0)).isEqualTo(jpeg.length);
      assertThat(data.getByteArray(0, jpeg.length)).isEqualTo(jpeg);
      assertThat(scope.blob(new byte[0]).length()).isZero();

      VipsImage image = VipsLoad.buffer(scope, ImageFormat.JPEG, blob, LoadOptions.DEFAULT);
      blob.close(); // the lazy image keeps its own reference to the bytes
      byte[] png = VipsSave.png(image,
          new VipsSave.Png(VipsPngFilter.NONE, false, false, 8, 100, VipsSave.Keep.NONE));
      assertThat(VipsLoad.buffer(scope, ImageFormat.PNG, png, LoadOptions.DEFAULT).width())
          .isEqualTo(300);
    } finally {
      Vips.threadShutdown();
    }
  }

  @Test
  void aHandleInUseRefusesToClose() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage image = VipsOps.black(scope, 4, 4, 1);
      image.acquire();
      try {
        assertThatThrownBy(image::close).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("in use");
      } finally {
        image.release();
      }
      image.close();
      assertThat(image.isClosed()).isTrue();
    }
  }

  @Test
  void trackedMemoryReturnsToBaselineAfterEveryJob() {
    // One reading right after a job races libvips' pool threads, which free their buffers just
    // after the job returns (see TrackedMemory); so wait for the memory to settle, and require
    // it to come back to the baseline after every job: a leaked image or buffer never does.
    try (VipsScope scope = new VipsScope()) {
      job(scope);
    }
    Vips.threadShutdown();
    TrackedMemory.Reading baseline = TrackedMemory.settled();
    int files = Vips.trackedFiles();
    for (int i = 0; i < 40; i++) {
      try (VipsScope scope = new VipsScope()) {
        assertThat(job(scope)).hasSizeGreaterThan(20);
      }
      Vips.threadShutdown();
      TrackedMemory.awaitAtMost(baseline);
    }
    assertThat(Vips.trackedFiles()).isLessThanOrEqualTo(files);
    assertThat(Vips.trackedMaxMemory()).isGreaterThan(0);
  }

  @Test
  void aLeakedImageKeepsTrackedMemoryAboveTheBaseline() {
    // the check above can fail: pixels copied into libvips and not released stay counted
    TrackedMemory.Reading baseline = TrackedMemory.settled();
    VipsScope leaked = new VipsScope();
    try {
      VipsLoad.fromPixels(leaked, new byte[256 * 256 * 3], 256, 256, 3, VipsBandFormat.UCHAR,
          VipsInterpretation.SRGB);
      Vips.threadShutdown();
      assertThat(TrackedMemory.settled().bytes()).isGreaterThan(baseline.bytes());
    } finally {
      leaked.close();
    }
    TrackedMemory.awaitAtMost(baseline);
  }

  @Test
  void fourThreadsRunHundredsOfOperationsConcurrently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> {
          int ops = 0;
          try {
            for (int i = 0; i < 20; i++) {
              try (VipsScope scope = new VipsScope()) {
                job(scope);
                ops += 5;
              }
            }
          } finally {
            Vips.threadShutdown();
          }
          return ops;
        }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(400);
    } finally {
      pool.shutdownNow();
    }
  }
}
