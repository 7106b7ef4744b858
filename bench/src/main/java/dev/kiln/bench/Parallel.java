package dev.kiln.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Runs N clients, each on its own platform thread, each taking steps until it has none left, the
 * time limit passes, or any client fails (which stops the others at their next step). Every request
 * loop of the benchmark goes through here, so none can run without bound.
 */
final class Parallel {

  private static final long PROGRESS_SECONDS = 10;

  private Parallel() {}

  /** One request (or a few) of client {@code client}; false when that client has finished. */
  @FunctionalInterface
  interface Step {
    boolean next(int client) throws Exception;
  }

  /** How a run ended: how long it took from the common start, and whether time ran out. */
  record Outcome(Duration elapsed, boolean stoppedAtLimit) {}

  /**
   * Starts every client at once and waits for all of them. {@code done} (a count of what was done
   * so far, e.g. points) is printed every few seconds with {@code label}.
   *
   * @throws IllegalStateException with the first client's failure as its cause
   */
  static Outcome run(int clients, Duration limit, String label, LongSupplier done, Step step) {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
    AtomicBoolean failed = new AtomicBoolean();
    AtomicBoolean timedOut = new AtomicBoolean();
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    long[] started = new long[1];
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  long deadline = started[0] + limit.toNanos();
                  try {
                    while (!failed.get()) {
                      if (System.nanoTime() - deadline >= 0) {
                        timedOut.set(true);
                        break;
                      }
                      if (!step.next(client)) {
                        break;
                      }
                    }
                  } catch (Exception | Error e) {
                    failed.set(true);
                    throw e;
                  }
                  return null;
                }));
      }
      ready.await();
      started[0] = System.nanoTime();
      go.countDown();
      progress.scheduleAtFixedRate(
          () -> {
            double seconds = (System.nanoTime() - started[0]) / 1e9;
            long count = done.getAsLong();
            System.out.printf(
                Locale.ROOT,
                "    %s: %,d after %.0f s (%,.0f/s)%n",
                label,
                count,
                seconds,
                count / seconds);
          },
          PROGRESS_SECONDS,
          PROGRESS_SECONDS,
          TimeUnit.SECONDS);
      Throwable failure = null;
      for (Future<?> future : futures) {
        try {
          future.get();
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause();
          }
        }
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started[0]);
      if (failure != null) {
        throw new IllegalStateException(label + " failed: " + failure.getMessage(), failure);
      }
      return new Outcome(elapsed, timedOut.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(label + " was interrupted", e);
    } finally {
      progress.shutdownNow();
      pool.shutdownNow();
    }
  }
}
