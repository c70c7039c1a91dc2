package io.imgrid.worker.vips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VipsOperationTest {
  @BeforeAll
  static void init() {
    VipsTesting.init();
  }

  @Test
  void runsAnOperationByNameWithTypedArguments() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsOps.black(scope, 100, 80, 3);
      VipsImage out = VipsOperation.call(scope, "resize")
          .input("in", in)
          .set("scale", 0.5)
          .set("vscale", 0.25)
          .set("kernel", VipsKernel.LANCZOS3)
          .outputImage("out");
      assertThat(out.width()).isEqualTo(50);
      assertThat(out.height()).isEqualTo(20);
      assertThat(out.scope()).isSameAs(scope);
    }
  }

  @Test
  void readsNumberAndArrayOutputs() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsOps.linear(VipsOps.black(scope, 4, 4, 3), new double[] {1},
          new double[] {10, 20, 30});
      assertThat(VipsOperation.call(scope, "avg").input("in", in).run("out").number("out"))
          .isEqualTo(20.0);
      assertThat(VipsOperation.call(scope, "getpoint").input("in", in).set("x", 1).set("y", 2)
          .run("out-array").doubles("out-array")).containsExactly(10, 20, 30);
    }
  }

  @Test
  void intWidensToADoubleArgument() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage out = VipsOperation.call(scope, "resize")
          .input("in", VipsOps.black(scope, 10, 10, 1)).set("scale", 2).outputImage("out");
      assertThat(out.width()).isEqualTo(20);
    }
  }

  @Test
  void wrongJavaTypeForADeclaredArgumentThrowsBeforeLibvipsSeesIt() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsOps.black(scope, 10, 10, 1);
      assertThatThrownBy(() -> VipsOperation.call(scope, "resize").input("in", in)
              .set("scale", "half").outputImage("out"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'scale' is gdouble");
      assertThatThrownBy(() -> VipsOperation.call(scope, "extract_area").input("input", in)
              .set("left", 1.5).set("top", 0).set("width", 1).set("height", 1).outputImage("out"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'left' is gint");
      assertThatThrownBy(() -> VipsOperation.call(scope, "resize").input("in", in)
              .set("scale", 0.5).set("kernel", true).outputImage("out"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("VipsKernel");
      assertThatThrownBy(() -> VipsOperation.call(scope, "flip").set("in", 3)
              .set("direction", VipsDirection.HORIZONTAL).outputImage("out"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("VipsImage");
      assertThatThrownBy(() -> VipsOperation.call(scope, "embed").input("in", in)
              .set("x", 0).set("y", 0).set("width", 2).set("height", 2)
              .set("background", "white").outputImage("out"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("VipsArrayDouble");
    }
  }

  @Test
  void unknownEnumNickIsRejected() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsOps.black(scope, 10, 10, 1);
      assertThatThrownBy(() -> VipsOperation.call(scope, "resize").input("in", in)
              .set("scale", 0.5).set("kernel", "sinc").outputImage("out"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has no value 'sinc'");
      assertThat(VipsErrors.take()).isEmpty();
    }
  }

  @Test
  void outOfRangeNumbersAreRejected() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsOps.black(scope, 10, 10, 3);
      assertThatThrownBy(() -> VipsOps.resize(in, -1, 1, VipsKernel.LINEAR))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("out of range");
      assertThatThrownBy(() -> VipsOperation.call(scope, "jpegsave_buffer").input("in", in)
              .set("Q", 101).outputBytes("buffer"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'Q' is out of range");
    }
  }

  @Test
  void declaredRangesAreReadFromTheLinkedLibvipsAndBoundWhatItAccepts() {
    ArgumentRange resize = VipsOperation.range("resize", "scale");
    assertThat(resize.min()).isEqualTo(0.0);
    assertThat(resize.max()).isGreaterThanOrEqualTo(10_000_000.0);
    ArgumentRange sharpen = VipsOperation.range("sharpen", "sigma");
    assertThat(sharpen.min()).isPositive().isLessThan(0.001);
    assertThat(sharpen.max()).isBetween(10.0, 10_000.0); // 10000 on 8.14, 10 from 8.15
    assertThat(sharpen.clamp(1e9)).isEqualTo(sharpen.max());
    assertThat(sharpen.clamp(-1)).isEqualTo(sharpen.min());
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsTesting.rgb(scope, 8, 8);
      // the binding's own check refuses what lies just outside, accepts the bound itself
      assertThatThrownBy(() -> VipsOperation.call(scope, "sharpen").input("in", in)
              .set("sigma", sharpen.max() * 1.01).outputImage("out"))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of range");
      assertThat(VipsOperation.call(scope, "sharpen").input("in", in)
          .set("sigma", sharpen.clamp(0.0)).outputImage("out").width()).isEqualTo(8);
    }
    assertThatThrownBy(() -> VipsOperation.range("sharpen", "nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no argument");
    assertThat(VipsOperation.range("jpegsave_buffer", "Q")).isEqualTo(new ArgumentRange(1, 100));
    assertThatThrownBy(() -> VipsOperation.range("jpegsave_buffer", "interlace"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
  }

  @Test
  void unknownOperationAndArgumentNamesThrow() {
    try (VipsScope scope = new VipsScope()) {
      assertThatThrownBy(() -> VipsOperation.call(scope, "no_such_operation"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no operation named 'no_such_operation'");
      VipsImage in = VipsOps.black(scope, 10, 10, 1);
      assertThatThrownBy(() -> VipsOperation.call(scope, "flip").input("in", in)
              .set("direction", VipsDirection.VERTICAL).set("colour", 3).outputImage("out"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no argument 'colour'");
      assertThatThrownBy(() -> VipsOperation.call(scope, "flip").input("in", in)
              .set("direction", VipsDirection.VERTICAL).outputImage("in"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not an output");
      assertThat(VipsErrors.take()).isEmpty();
    }
  }

  @Test
  void optionalArgumentsAreSkippedOnlyWhenAbsent() {
    try (VipsScope scope = new VipsScope()) {
      VipsImage in = VipsOps.black(scope, 10, 10, 1);
      VipsImage out = VipsOperation.call(scope, "flip").input("in", in)
          .set("direction", VipsDirection.VERTICAL).setIfPresent("not-in-any-version", 1)
          .outputImage("out");
      assertThat(out.width()).isEqualTo(10);
      assertThatThrownBy(() -> VipsOperation.call(scope, "resize").input("in", in)
              .set("scale", 1.0).setIfPresent("kernel", 7).outputImage("out"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(VipsOperation.hasArgument("resize", "kernel")).isTrue();
      assertThat(VipsOperation.hasArgument("resize", "nope")).isFalse();
    }
  }

  @Test
  void aBuilderRunsOnce() {
    try (VipsScope scope = new VipsScope()) {
      VipsOperation op = VipsOperation.call(scope, "black").set("width", 2).set("height", 2);
      op.outputImage("out");
      assertThatThrownBy(() -> op.outputImage("out")).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void closedImagesAndScopesCannotBeUsed() {
    VipsScope scope = new VipsScope();
    VipsImage in = VipsOps.black(scope, 10, 10, 1);
    in.close();
    assertThatThrownBy(() -> VipsOps.copy(in)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(in::width).isInstanceOf(IllegalStateException.class);
    scope.close();
    assertThatThrownBy(() -> VipsOps.black(scope, 1, 1, 1))
        .isInstanceOf(IllegalStateException.class);
  }
}
