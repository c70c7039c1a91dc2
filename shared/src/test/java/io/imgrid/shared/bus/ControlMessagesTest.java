package io.imgrid.shared.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The grid's control messages: leave notices and job progress, on the same versioned wire. */
class ControlMessagesTest {
  static final LeavingMessage LEAVING = new LeavingMessage("9f0c-node-ünï");
  static final ProgressMessage PROGRESS =
      new ProgressMessage("worker-1", new long[] {1, 42, Long.MAX_VALUE, -7});

  @Test
  void bothRoundTripAndStartWithTheVersion() {
    assertThat(LeavingMessage.fromBytes(LEAVING.toBytes())).isEqualTo(LEAVING);
    assertThat(ProgressMessage.fromBytes(PROGRESS.toBytes())).isEqualTo(PROGRESS);
    ProgressMessage none = new ProgressMessage("w", new long[0]);
    assertThat(ProgressMessage.fromBytes(none.toBytes())).isEqualTo(none);
    assertThat(LEAVING.toBytes()[0]).isEqualTo((byte) LeavingMessage.VERSION);
    assertThat(PROGRESS.toBytes()[0]).isEqualTo((byte) ProgressMessage.VERSION);
  }

  @Test
  void progressCopiesItsIds() {
    long[] ids = {1, 2};
    ProgressMessage m = new ProgressMessage("w", ids);
    ids[0] = 99;
    m.attempts()[1] = 99;
    assertThat(m.attempts()).containsExactly(1, 2);
  }

  @Test
  void anotherVersionIsATypedFailure() {
    byte[] leaving = LEAVING.toBytes();
    leaving[0] = (byte) (LeavingMessage.VERSION + 1);
    assertThatThrownBy(() -> LeavingMessage.fromBytes(leaving))
        .isInstanceOf(UnsupportedVersionException.class);
    byte[] progress = PROGRESS.toBytes();
    progress[0] = 9;
    assertThatThrownBy(() -> ProgressMessage.fromBytes(progress))
        .isInstanceOf(UnsupportedVersionException.class);
  }

  @Test
  void everyTruncationTrailingByteAndWrongTypeIsRejected() {
    for (byte[] bytes : new byte[][] {LEAVING.toBytes(), PROGRESS.toBytes()}) {
      for (int n = 0; n < bytes.length; n++) {
        byte[] cut = Arrays.copyOf(bytes, n);
        assertThatThrownBy(() -> {
          if (bytes[1] == Wire.TYPE_LEAVING) {
            LeavingMessage.fromBytes(cut);
          } else {
            ProgressMessage.fromBytes(cut);
          }
        }).as("truncated to %d bytes", n).isInstanceOf(BusFormatException.class);
      }
    }
    byte[] extra = Arrays.copyOf(LEAVING.toBytes(), LEAVING.toBytes().length + 1);
    assertThatThrownBy(() -> LeavingMessage.fromBytes(extra)).hasMessageContaining("trailing");
    assertThatThrownBy(() -> ProgressMessage.fromBytes(LEAVING.toBytes()))
        .isInstanceOf(BusFormatException.class).hasMessageContaining("type");
    assertThatThrownBy(() -> LeavingMessage.fromBytes(CodecsTest.JOB.toBytes()))
        .isInstanceOf(BusFormatException.class).hasMessageContaining("type");
  }

  @Test
  void aLyingAttemptCountFailsBeforeAnythingIsAllocated() {
    byte[] bytes = new ProgressMessage("w", new long[] {5}).toBytes();
    // version, type, 4-byte length + "w", then the count
    ByteBuffer.wrap(bytes).putInt(7, 60_000);
    assertThatThrownBy(() -> ProgressMessage.fromBytes(bytes))
        .isInstanceOf(BusFormatException.class).hasMessageContaining("attempt count");
    ByteBuffer.wrap(bytes).putInt(7, -1);
    assertThatThrownBy(() -> ProgressMessage.fromBytes(bytes))
        .isInstanceOf(BusFormatException.class);
  }
}
