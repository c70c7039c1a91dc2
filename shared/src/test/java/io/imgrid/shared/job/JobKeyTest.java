package io.imgrid.shared.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.format.ImageFormat;
import io.imgrid.shared.options.ProcessingOptions;
import io.imgrid.shared.options.ResizingType;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobKeyTest {
  private static final String SRC = "https://example.com/images/cat.jpg?size=large";
  private static final String SETTINGS = "format/1;q=80";

  /** rs:fill:300:200/q:70/cb:1 as the parser might build it, in URL order. */
  private static ProcessingOptions.Builder oneWay() {
    return ProcessingOptions.builder()
        .resizingType(ResizingType.FILL)
        .width(300)
        .height(200)
        .quality(70)
        .cachebuster("1");
  }

  /** The same options set in another order, the way a preset plus reordered options would. */
  private static ProcessingOptions.Builder otherWay() {
    return ProcessingOptions.builder()
        .cachebuster("1")
        .quality(70)
        .height(200)
        .width(300)
        .resizingType(ResizingType.FILL);
  }

  private static JobKey key(ProcessingOptions o) {
    return JobKey.of(new JobSpec(SRC, o, AcceptBucket.NONE, null, null, SETTINGS));
  }

  private static final JobSpec BASE =
      new JobSpec(SRC, oneWay().build(), AcceptBucket.NONE, null, null, SETTINGS);

  @Test
  void sameKeyWhateverTheOptionOrderAndHeaderOnlyOptions() {
    JobKey a = key(oneWay().build());
    JobKey b = key(otherWay().build());
    JobKey c = key(otherWay().expires(1_900_000_000L).filename("kitty").returnAttachment(true).build());
    JobKey d = key(oneWay().filename("other").build());
    assertThat(a).isEqualTo(b).isEqualTo(c).isEqualTo(d);
    assertThat(JobKey.of(BASE)).isEqualTo(a);
  }

  @Test
  void keyIsSha256Hex() {
    assertThat(JobKey.of(BASE).hex()).matches("[0-9a-f]{64}");
    assertThat(JobKey.of(BASE).toString()).isEqualTo(JobKey.of(BASE).hex());
    assertThatThrownBy(() -> new JobKey("abc")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyOutputChangingPartChangesTheKey() {
    JobKey base = JobKey.of(BASE);
    assertDiffers(base, s -> withOptions(s, oneWay().width(301).build()));
    assertDiffers(base, s -> withOptions(s, oneWay().cachebuster("2").build()));
    assertDiffers(base, s -> withOptions(s, oneWay().cachebuster("").build()));
    assertDiffers(base, s -> withOptions(s, oneWay().format(ImageFormat.WEBP).build()));
    assertDiffers(base, s -> withOptions(s, oneWay().format(ImageFormat.JPEG).build()));
    assertDiffers(base, s -> withOptions(s, oneWay().dpr(2).build()));
    assertDiffers(base, s -> new JobSpec(SRC.replace("large", "small"), s.options(), s.bucket(), null, null, SETTINGS));
    assertDiffers(base, s -> new JobSpec("https://example.com/images/cat.jpg", s.options(), s.bucket(), null, null, SETTINGS));
    assertDiffers(base, s -> new JobSpec(SRC, s.options(), new AcceptBucket(true, false, false), null, null, SETTINGS));
    assertDiffers(base, s -> new JobSpec(SRC, s.options(), new AcceptBucket(false, true, false), null, null, SETTINGS));
    assertDiffers(base, s -> new JobSpec(SRC, s.options(), s.bucket(), "\"abc\"", null, SETTINGS));
    assertDiffers(base, s -> new JobSpec(SRC, s.options(), s.bucket(), "", null, SETTINGS));
    assertDiffers(base, s -> new JobSpec(SRC, s.options(), s.bucket(), null, "Wed, 21 Oct 2015 07:28:00 GMT", SETTINGS));
    assertDiffers(base, s -> new JobSpec(SRC, s.options(), s.bucket(), null, null, SETTINGS + "1"));
  }

  @Test
  void conditionalHeadersAreNotInterchangeable() {
    JobKey inm = JobKey.of(new JobSpec(SRC, BASE.options(), AcceptBucket.NONE, "x", null, SETTINGS));
    JobKey ims = JobKey.of(new JobSpec(SRC, BASE.options(), AcceptBucket.NONE, null, "x", SETTINGS));
    assertThat(inm).isNotEqualTo(ims);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\nopts 3:b", "1:x\n", "-1:"})
  void valuesCannotForgeTheNextPart(String evil) {
    // a source URL that contains what looks like the next line is still only the source URL
    JobSpec plain = new JobSpec(SRC, BASE.options(), AcceptBucket.NONE, null, null, SETTINGS);
    JobSpec forged = new JobSpec(SRC + evil, BASE.options(), AcceptBucket.NONE, null, null, SETTINGS);
    assertThat(JobKey.of(forged)).isNotEqualTo(JobKey.of(plain));
    assertThat(JobKey.canonical(forged).lines().filter(l -> l.startsWith("src ")).count()).isEqualTo(1);
  }

  private static JobSpec withOptions(JobSpec s, ProcessingOptions o) {
    return new JobSpec(s.sourceUrl(), o, s.bucket(), s.ifNoneMatch(), s.ifModifiedSince(), s.settingsFingerprint());
  }

  private static void assertDiffers(JobKey base, UnaryOperator<JobSpec> change) {
    JobSpec changed = change.apply(BASE);
    assertThat(JobKey.of(changed)).as("%s", JobKey.canonical(changed)).isNotEqualTo(base);
  }
}
