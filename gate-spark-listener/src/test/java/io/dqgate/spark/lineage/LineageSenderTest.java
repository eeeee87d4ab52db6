package io.dqgate.spark.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.transports.Transport;
import io.openlineage.client.transports.TransportFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sender keeps emission off the caller's thread and never fails it. */
class LineageSenderTest {
  private static final OpenLineage OL =
      new OpenLineage(URI.create("https://github.com/dqgate/dqgate"));

  private static OpenLineage.RunEvent event(String job) {
    return OL.newRunEventBuilder()
        .eventType(OpenLineage.RunEvent.EventType.START)
        .eventTime(ZonedDateTime.now())
        .run(OL.newRunBuilder().runId(UUID.randomUUID()).build())
        .job(OL.newJobBuilder().namespace("t").name(job).build())
        .build();
  }

  private static Transport transport(Map<String, String> conf) {
    return new TransportFactory(
            LineageConfig.parse(conf, "a", "local-1", 0L).config().getTransportConfig())
        .build();
  }

  @Test
  void fileTransportGetsEveryEventInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.jsonl");
    LineageSender sender =
        new LineageSender(
            transport(
                Map.of(
                    "spark.openlineage.transport.type",
                    "file",
                    "spark.openlineage.transport.location",
                    file.toString())));
    for (String job : List.of("a", "b", "c")) {
      sender.send(() -> event(job));
    }
    sender.close(Duration.ofSeconds(10));
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size());
    assertTrue(
        lines.get(0).contains("\"name\":\"a\"") && lines.get(2).contains("\"name\":\"c\""),
        lines.toString());
    assertEquals(0, sender.failures());
    assertEquals(3, sender.sent());
  }

  @Test
  void anUnreachableBackendIsCountedNotThrown() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    LineageSender sender =
        new LineageSender(
            transport(
                Map.of(
                    "spark.openlineage.transport.type", "http",
                    "spark.openlineage.transport.url", "http://127.0.0.1:" + port,
                    "spark.openlineage.transport.timeoutInMillis", "2000")));
    sender.send(() -> event("a"));
    sender.send(
        () -> {
          throw new IllegalStateException("cannot build");
        });
    sender.close(Duration.ofSeconds(20));
    assertEquals(2, sender.failures());
    assertEquals(0, sender.sent());
    assertTrue(
        sender.firstError().contains("Connect") || sender.firstError().contains("connect"),
        sender.firstError());
  }

  @Test
  void aHangingBackendCostsTheFlushTimeoutAtMost() {
    CountDownLatch release = new CountDownLatch(1);
    Transport hanging =
        new Transport() {
          @Override
          public void emit(OpenLineage.RunEvent runEvent) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }

          @Override
          public void emit(OpenLineage.DatasetEvent datasetEvent) {}

          @Override
          public void emit(OpenLineage.JobEvent jobEvent) {}
        };
    Thread caller = Thread.currentThread();
    LineageSender sender = new LineageSender(hanging);
    long t0 = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      sender.send(
          () -> {
            assertTrue(Thread.currentThread() != caller && Thread.currentThread().isDaemon());
            return event("x");
          });
    }
    assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "send never waits for the transport");
    sender.close(Duration.ofMillis(300));
    long took = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(took < 3000, took + " ms");
    assertEquals(5, sender.failures());
    assertTrue(
        sender.firstError().contains("spark.dqgate.lineage.flushTimeout=300ms"),
        sender.firstError());
    sender.send(() -> event("late"));
    assertEquals(6, sender.failures(), "an event after the end is counted too");
    release.countDown();
  }

  @Test
  void aSilentHttpBackendCostsTheFlushTimeoutAtMost() throws Exception {
    // Accepts connections (the kernel completes the handshake) and never answers a byte.
    try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      LineageSender sender =
          new LineageSender(
              transport(
                  Map.of(
                      "spark.openlineage.transport.type", "http",
                      "spark.openlineage.transport.url",
                          "http://127.0.0.1:" + silent.getLocalPort(),
                      "spark.openlineage.transport.timeoutInMillis", "60000")));
      long t0 = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        sender.send(() -> event("slow"));
      }
      sender.close(Duration.ofMillis(1500));
      long took = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(took < 6000, "the end of the run waited " + took + " ms");
      assertEquals(3, sender.failures());
      assertEquals(0, sender.sent());
      assertTrue(
          sender.firstError().contains("spark.dqgate.lineage.flushTimeout=1500ms"),
          sender.firstError());
    }
  }
}
