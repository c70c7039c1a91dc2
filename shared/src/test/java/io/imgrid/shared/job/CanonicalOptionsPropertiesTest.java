package io.imgrid.shared.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgrid.shared.options.ProcessingOptions;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CanonicalOptionsPropertiesTest {

  @Provide
  Arbitrary<ProcessingOptions> anyOptions() {
    return OptionsArbitraries.options();
  }

  @Property(tries = 500)
  void decodeInvertsEncodeExceptForHeaderOnlyOptions(@ForAll("anyOptions") ProcessingOptions o) {
    ProcessingOptions headersReset =
        o.toBuilder().expires(0).filename(null).returnAttachment(false).build();
    assertThat(CanonicalOptions.decode(CanonicalOptions.encode(o))).isEqualTo(headersReset);
  }

  @Property(tries = 500)
  void encodingIsStable(@ForAll("anyOptions") ProcessingOptions o) {
    String once = CanonicalOptions.encode(o);
    assertThat(CanonicalOptions.encode(CanonicalOptions.decode(once))).isEqualTo(once);
  }

  @Property(tries = 200)
  void headerOnlyOptionsDoNotChangeTheEncoding(
      @ForAll("anyOptions") ProcessingOptions a, @ForAll("anyOptions") ProcessingOptions b) {
    ProcessingOptions withBsHeaders =
        a.toBuilder()
            .expires(b.expires())
            .filename(b.filename())
            .returnAttachment(b.returnAttachment())
            .build();
    assertThat(CanonicalOptions.encode(withBsHeaders)).isEqualTo(CanonicalOptions.encode(a));
  }
}
