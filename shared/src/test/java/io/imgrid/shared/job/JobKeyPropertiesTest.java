package io.imgrid.shared.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.format.AcceptBucket;
import io.imgrid.shared.options.ProcessingOptions;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JobKeyPropertiesTest {

  @Provide
  Arbitrary<ProcessingOptions> anyOptions() {
    return OptionsArbitraries.options();
  }

  @Property(tries = 200)
  void equalOptionsGiveEqualKeys(@ForAll("anyOptions") ProcessingOptions o) {
    ProcessingOptions copy = CanonicalOptions.decode(CanonicalOptions.encode(o));
    assertThat(key(copy)).isEqualTo(key(o));
  }

  @Property(tries = 200)
  void differentOptionsGiveDifferentKeys(
      @ForAll("anyOptions") ProcessingOptions a, @ForAll("anyOptions") ProcessingOptions b) {
    boolean sameText = CanonicalOptions.encode(a).equals(CanonicalOptions.encode(b));
    assertThat(key(a).equals(key(b))).isEqualTo(sameText);
  }

  private static JobKey key(ProcessingOptions o) {
    return JobKey.of(new JobSpec("https://example.com/a.png", o, AcceptBucket.NONE, null, null, "s"));
  }
}
