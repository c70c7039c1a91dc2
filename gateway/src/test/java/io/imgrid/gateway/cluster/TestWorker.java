package io.imgrid.gateway.cluster;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in worker on a real clustered node: a job consumer plus a real announcer. */
final class TestWorker {
  final ClusterNode node;
  final String address;
  final WorkerAnnouncer announcer;
  final AtomicInteger received = new AtomicInteger();

  private TestWorker(ClusterNode node, WorkerInfo info, Handler<Message<Buffer>> behaviour) {
    this.node = node;
    this.address = info.address();
    MessageConsumer<Buffer> consumer = node.vertx().eventBus().consumer(address, m -> {
      received.incrementAndGet();
      behaviour.handle(m);
    });
    TestGrid.await(consumer.completion());
    this.announcer = new WorkerAnnouncer(node.vertx(), info, Duration.ofMillis(200));
    announcer.start();
  }

  static TestWorker start(ClusterNode node, int free, int total, Set<String> formats,
      Handler<Message<Buffer>> behaviour) {
    WorkerInfo info = new WorkerInfo(node.nodeId(), "imgrid.test.worker." + UUID.randomUUID(),
        free, total, formats, false);
    return new TestWorker(node, info, behaviour);
  }

  /** Answers every job with "done by <address>: <job>". */
  static Handler<Message<Buffer>> echo(String tag) {
    return m -> m.reply(Buffer.buffer(tag + ":" + m.body()));
  }
}
