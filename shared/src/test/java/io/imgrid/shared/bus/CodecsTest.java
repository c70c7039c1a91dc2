package io.imgrid.shared.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imgrid.shared.error.ErrorKind;
import io.imgrid.shared.error.LoadException;
import io.imgrid.shared.error.SourceException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecsTest {
  static final JobMessage JOB =
      new JobMessage(
          "req-1",
          "ab".repeat(32),
          "https://example.com/ünïcode/img.png?x=1&y=é",
          "rs:fill:100:50/q:80",
          true,
          false,
          true,
          "\"etag\"",
          null,
          1_700_000_000_123L);

  static final ResultMessage RESULT =
      new ResultMessage(
          200, "image/webp", new byte[] {1, 2, 3, (byte) 0xff}, 100, 50, 1000, 500, "\"e\"",
          "Wed, 21 Oct 2015 07:28:00 GMT", null, "Thu, 01 Jan 2037 00:00:00 GMT", 12345);

  static final FailureMessage FAILURE = new FailureMessage(6, 403, "origin answered 403");

  private static <T> T roundTrip(MessageCodec<T, T> codec, T message) {
    Buffer buffer = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(buffer, message);
    return codec.decodeFromWire(6, buffer);
  }

  @Test
  void jobRoundTripsThroughTheWire() {
    assertThat(roundTrip(Codecs.job(), JOB)).isEqualTo(JOB);
    JobMessage allNull =
        new JobMessage("", "", "local:///a.jpg", "", false, false, false, null, null, 0);
    assertThat(roundTrip(Codecs.job(), allNull)).isEqualTo(allNull);
    JobMessage traced =
        JOB.withTraceParent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    assertThat(roundTrip(Codecs.job(), traced)).isEqualTo(traced).isNotEqualTo(JOB);
    assertThat(JobMessage.fromBytes(traced.toBytes()).traceParent())
        .isEqualTo(traced.traceParent());
  }

  @Test
  void resultRoundTripsThroughTheWire() {
    assertThat(roundTrip(Codecs.result(), RESULT)).isEqualTo(RESULT);
    ResultMessage notModified = ResultMessage.notModified("\"e\"", null, "max-age=1", null);
    assertThat(roundTrip(Codecs.result(), notModified)).isEqualTo(notModified);
  }

  @Test
  void resultCarriesTheWorkersTimingsWithinBounds() {
    ResultMessage timed = RESULT.withTimings(List.of(new Timing("fetch", 1_700_000_000_000_000L,
        1234), new Timing("save", 1_700_000_000_001_234L, 56)));
    ResultMessage back = roundTrip(Codecs.result(), timed);
    assertThat(back).isEqualTo(timed).isNotEqualTo(RESULT);
    assertThat(back.timings()).extracting(Timing::name).containsExactly("fetch", "save");
    assertThat(back.timings().get(0).durationMicros()).isEqualTo(1234);
    assertThat(back.asFallbackFor(502).timings()).isEqualTo(timed.timings());
    List<Timing> many = Collections.nCopies(Timing.MAX_PER_RESULT + 1, new Timing("x", 0, 0));
    assertThatThrownBy(() -> RESULT.withTimings(many)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Timing("Server Timing", 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] bytes = timed.toBytes();
    // the count byte, before "fetch" and "save" (each a length, the name, start and duration)
    int count = bytes.length - (4 + 5 + 16) - (4 + 4 + 16) - 1;
    assertThat(bytes[count]).isEqualTo((byte) 2);
    bytes[count] = (byte) (Timing.MAX_PER_RESULT + 1);
    assertThatThrownBy(() -> ResultMessage.fromBytes(bytes))
        .isInstanceOf(BusFormatException.class);
  }

  @Test
  void fallbackResultRoundTripsWithTheOriginalStatusAndNoOriginHeaders() {
    ResultMessage fallback = RESULT.asFallbackFor(502);
    ResultMessage back = roundTrip(Codecs.result(), fallback);
    assertThat(back).isEqualTo(fallback).isNotEqualTo(RESULT);
    assertThat(back.isFallback()).isTrue();
    assertThat(back.fallbackStatus()).isEqualTo(502);
    assertThat(back.etag()).isNull();
    assertThat(back.lastModified()).isNull();
    assertThat(back.cacheControl()).isNull();
    assertThat(back.expires()).isNull();
    assertThat(RESULT.isFallback()).isFalse();
  }

  @Test
  void fallbackStatusIsOnlyAllowedOnAnImage() {
    assertThatThrownBy(
            () ->
                new ResultMessage(
                    304, null, new byte[0], -1, -1, -1, -1, null, null, null, null, -1, 404))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RESULT.asFallbackFor(42)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void failureRoundTripsAndRebuildsTheTypedException() {
    FailureMessage back = roundTrip(Codecs.failure(), FAILURE);
    assertThat(back).isEqualTo(FAILURE);
    assertThat(back.toException())
        .isInstanceOf(SourceException.class)
        .satisfies(e -> assertThat(((SourceException) e).status()).isEqualTo(403));
  }

  @Test
  void localDeliveryHandsOverTheSameInstance() {
    assertThat(Codecs.job().transform(JOB)).isSameAs(JOB);
    assertThat(Codecs.result().transform(RESULT)).isSameAs(RESULT);
  }

  @Test
  void codecsHaveUniqueNamesAndNoSystemId() {
    assertThat(Codecs.job().name()).isNotEqualTo(Codecs.result().name());
    assertThat(Codecs.result().name()).isNotEqualTo(Codecs.failure().name());
    assertThat(Codecs.job().systemCodecID()).isEqualTo((byte) -1);
  }

  @Test
  void firstByteIsTheVersion() {
    assertThat(JOB.toBytes()[0]).isEqualTo((byte) JobMessage.VERSION);
    assertThat(RESULT.toBytes()[0]).isEqualTo((byte) ResultMessage.VERSION);
  }

  @Test
  void unknownVersionIsATypedFailure() {
    byte[] bytes = JOB.toBytes();
    int next = JobMessage.VERSION + 1;
    bytes[0] = (byte) next;
    assertThatThrownBy(() -> JobMessage.fromBytes(bytes))
        .isInstanceOf(UnsupportedVersionException.class)
        .satisfies(e -> assertThat(((UnsupportedVersionException) e).version()).isEqualTo(next));
    FailureMessage failure =
        FailureMessage.of(new UnsupportedVersionException(next));
    assertThat(failure.kind()).isEqualTo(ErrorKind.BUS_INCOMPATIBLE);
    assertThat(failure.toException())
        .isInstanceOf(LoadException.class)
        .satisfies(e -> assertThat(((LoadException) e).kind()).isEqualTo(ErrorKind.BUS_INCOMPATIBLE));
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] bytes = RESULT.toBytes();
    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      assertThatThrownBy(() -> ResultMessage.fromBytes(cut))
          .as("truncated to %d bytes", n)
          .isInstanceOf(BusFormatException.class);
    }
    byte[] job = JOB.toBytes();
    for (int n = 0; n < job.length; n++) {
      byte[] cut = Arrays.copyOf(job, n);
      assertThatThrownBy(() -> JobMessage.fromBytes(cut)).isInstanceOf(BusFormatException.class);
    }
  }

  @Test
  void trailingBytesAndWrongTypeAreRejected() {
    byte[] extra = Arrays.copyOf(FAILURE.toBytes(), FAILURE.toBytes().length + 1);
    assertThatThrownBy(() -> FailureMessage.fromBytes(extra))
        .isInstanceOf(BusFormatException.class)
        .hasMessageContaining("trailing");
    assertThatThrownBy(() -> ResultMessage.fromBytes(JOB.toBytes()))
        .isInstanceOf(BusFormatException.class)
        .hasMessageContaining("type");
  }

  @Test
  void hugeLengthPrefixesAreBoundedByTheBytesPresent() {
    // version, type, then a string claiming 2 GiB
    byte v = (byte) JobMessage.VERSION;
    byte[] bytes = {v, 1, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'};
    assertThatThrownBy(() -> JobMessage.fromBytes(bytes))
        .isInstanceOf(BusFormatException.class)
        .hasMessageContaining("truncated");
    byte[] negative = {v, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe};
    assertThatThrownBy(() -> JobMessage.fromBytes(negative))
        .isInstanceOf(BusFormatException.class);

    Buffer frame = Buffer.buffer().appendInt(Integer.MAX_VALUE).appendByte((byte) 1);
    assertThatThrownBy(() -> Codecs.job().decodeFromWire(0, frame))
        .isInstanceOf(BusFormatException.class);
    assertThatThrownBy(() -> Codecs.job().decodeFromWire(0, Buffer.buffer(new byte[2])))
        .isInstanceOf(BusFormatException.class);
  }

  @Test
  void stringsAreStrictUtf8() {
    byte[] bytes = JOB.toBytes();
    // the request id "req-1" starts after version, type and its 4-byte length
    assertThat(new String(bytes, 6, 5, StandardCharsets.UTF_8)).isEqualTo("req-1");
    bytes[6] = (byte) 0xc3; // a lead byte followed by ASCII: malformed
    assertThatThrownBy(() -> JobMessage.fromBytes(bytes))
        .isInstanceOf(BusFormatException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void resultRejectsImpossibleStatusOnTheWire() {
    byte[] bytes = RESULT.toBytes();
    bytes[5] = (byte) 201; // status int occupies bytes 2..5
    assertThatThrownBy(() -> ResultMessage.fromBytes(bytes))
        .isInstanceOf(BusFormatException.class);
  }
}
