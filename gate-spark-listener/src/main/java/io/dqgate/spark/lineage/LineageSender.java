package io.dqgate.spark.lineage;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.transports.Transport;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events off the caller's thread: one daemon thread drains a bounded queue into the
 * transport, so an HTTP post never holds a write's commit. Nothing here throws to the caller: an
 * event that cannot be built, queued (queue full) or sent is counted, the first failure is logged
 * once, and {@link #failures()} tells the run how many were lost.
 */
final class LineageSender {
  private static final Logger LOG = LoggerFactory.getLogger("io.dqgate");
  static final int QUEUE_CAPACITY = 1000;

  private final Transport transport;
  private final BlockingQueue<Runnable> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger sent = new AtomicInteger();

  /**
   * Events queued, and events the worker finished with (sent or failed): the difference is in
   * flight.
   */
  private final AtomicInteger accepted = new AtomicInteger();

  private final AtomicInteger finished = new AtomicInteger();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private final Thread worker;
  private volatile boolean closed;

  /**
   * Set (under the lock) when {@link #close} gave up waiting and counted the events still out as
   * lost: the worker, interrupted, then counts none of them again.
   */
  private boolean abandoned;

  LineageSender(Transport transport) {
    this.transport = transport;
    // Not inheriting thread locals: a thread started from a listener callback would otherwise carry
    // the
    // listener bus's "in listener" flag.
    this.worker = new Thread(null, this::drain, "dqgate-lineage", 0, false);
    worker.setDaemon(true);
    worker.start();
  }

  /** Queues an event, built on the sender thread; never blocks. */
  void send(Supplier<OpenLineage.RunEvent> event) {
    if (closed) {
      fail(1, "the run had already ended", null);
    } else if (queue.offer(() -> emit(event))) {
      accepted.incrementAndGet();
    } else {
      fail(1, "the queue of " + QUEUE_CAPACITY + " events was full", null);
    }
  }

  /**
   * Waits until everything queued so far is sent, at most {@code timeout}, then stops the sender
   * and closes the transport. Events still queued then are counted as failures.
   */
  void close(Duration timeout) {
    if (closed) {
      return;
    }
    CountDownLatch drained = new CountDownLatch(1);
    boolean queued = queue.offer(drained::countDown);
    closed = true;
    boolean done = false;
    try {
      done = queued && drained.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!done) {
      queue.clear();
      int lost;
      synchronized (this) {
        abandoned = true;
        lost = accepted.get() - finished.get();
      }
      if (lost > 0) {
        fail(
            lost,
            "not sent within spark.dqgate.lineage.flushTimeout=" + timeout.toMillis() + "ms",
            null);
      }
    }
    worker.interrupt();
    try {
      transport.close();
    } catch (Exception | LinkageError e) {
      LOG.debug("dqgate: closing the OpenLineage transport failed", e);
    }
  }

  int failures() {
    return failed.get();
  }

  int sent() {
    return sent.get();
  }

  /** The first reason an event was lost, or null. */
  String firstError() {
    return firstError.get();
  }

  private void drain() {
    while (true) {
      Runnable task;
      try {
        task = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      task.run();
    }
  }

  private void emit(Supplier<OpenLineage.RunEvent> event) {
    boolean emitted = false;
    Throwable error = null;
    try {
      OpenLineage.RunEvent built = event.get();
      if (built != null) {
        transport.emit(built);
        emitted = true;
      }
    } catch (Exception | LinkageError e) {
      error = e;
    }
    synchronized (this) {
      if (abandoned) {
        return; // close() already counted this event as lost
      }
      finished.incrementAndGet();
      if (emitted) {
        sent.incrementAndGet();
      } else if (error != null) {
        fail(1, error.toString(), error);
      }
    }
  }

  private void fail(int events, String reason, Throwable cause) {
    failed.addAndGet(events);
    if (firstError.compareAndSet(null, reason)) {
      LOG.warn(
          "dqgate: an OpenLineage event could not be sent ({}); the job is not affected, later failures"
              + " are logged at debug level",
          reason,
          cause);
    } else {
      LOG.debug("dqgate: an OpenLineage event could not be sent: {}", reason, cause);
    }
  }
}
