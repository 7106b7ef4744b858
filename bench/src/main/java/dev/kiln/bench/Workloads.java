package dev.kiln.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The four workloads, the same for every {@link Target}. How points spread over runs and keys: each
 * ingestion client writes its own run; its batches cycle through keys {@code m0..m(k-1)}, each
 * batch holding {@code batch} consecutive steps of one key, so every key's steps increase without
 * gaps. Series that are read back are loaded the same way, one key, by one client.
 */
final class Workloads {

  /** Multiplier of the permutation that gives search run i its rmse; a prime above any count. */
  private static final long RMSE_PERMUTATION = 1_000_003L;

  private final BenchOptions options;

  Workloads(BenchOptions options) {
    this.options = options;
  }

  /** Points ingested, in how long, and whether the time limit cut the run short. */
  record Ingested(long points, Duration elapsed, boolean stoppedAtLimit) {

    double pointsPerSecond() {
      return points / (elapsed.toNanos() / 1e9);
    }
  }

  /** Search runs created (of those asked for), how many match the filter, and the time taken. */
  record Seeded(int runs, int asked, int matching, Duration elapsed, boolean stoppedAtLimit) {}

  /**
   * Ingests {@code points} through the batch API with the configured clients, after untimed warm-up
   * batches into separate runs; the clock runs from the common start to the last answer.
   */
  Ingested ingest(Target target, long points) {
    int clients = options.clients();
    int batch = options.batchSize();
    String[] runs = new String[clients];
    String[] warmupRuns = new String[clients];
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    for (int c = 0; c < clients; c++) {
      runs[c] = target.createRun(Target.Group.INGEST, "ingest-" + stamp + "-" + c);
      warmupRuns[c] = target.createRun(Target.Group.INGEST, "warmup-" + stamp + "-" + c);
    }
    if (options.warmupBatches() > 0) {
      long[] warmed = new long[clients];
      LongAdder warm = new LongAdder();
      Parallel.run(
          clients,
          options.phaseLimit(),
          target.name() + " warm-up points",
          warm::sum,
          client -> {
            logBatch(target, warmupRuns[client], warmed[client]++);
            warm.add(batch);
            return warmed[client] < options.warmupBatches();
          });
    }
    long batches = points / batch;
    long[] sent = new long[clients];
    LongAdder done = new LongAdder();
    Parallel.Outcome outcome =
        Parallel.run(
            clients,
            options.phaseLimit(),
            target.name() + " points ingested",
            done::sum,
            client -> {
              long quota = batches / clients + (client < batches % clients ? 1 : 0);
              if (sent[client] >= quota) {
                return false;
              }
              logBatch(target, runs[client], sent[client]++);
              done.add(batch);
              return sent[client] < quota;
            });
    return new Ingested(done.sum(), outcome.elapsed(), outcome.stoppedAtLimit());
  }

  /** Batch {@code b} of a client: key {@code m(b mod k)}, the next steps of that key. */
  private void logBatch(Target target, String run, long b) {
    int batch = options.batchSize();
    target.logMetrics(run, "m" + (b % options.keys()), (b / options.keys()) * batch, batch);
  }

  /** Creates a run whose key {@code loss} holds steps 0..points-1, and returns its id. */
  String loadSeries(Target target, String name, int points) {
    String run = target.createRun(Target.Group.SERIES, name);
    int batch = options.batchSize();
    long[] next = new long[1];
    LongAdder done = new LongAdder();
    Parallel.run(
        1,
        options.phaseLimit(),
        target.name() + " " + name + " points loaded",
        done::sum,
        client -> {
          target.logMetrics(run, "loss", next[0], batch);
          next[0] += batch;
          done.add(batch);
          return next[0] < points;
        });
    if (next[0] < points) {
      throw new IllegalStateException(
          "Loading "
              + name
              + " took longer than --time-limit: "
              + next[0]
              + " of "
              + points
              + " points.");
    }
    return run;
  }

  /**
   * Creates up to {@code runs} runs in the search group, each with metric {@code rmse} and param
   * {@code alpha}, with the configured clients. Run i gets rmse {@code ((i * 1000003) mod runs) /
   * runs}: each of 0, 1/runs, 2/runs, ... once, in scattered order, so a tenth match {@code rmse <
   * 0.1} and the best is 0.
   */
  Seeded seedSearchRuns(Target target, int runs) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger matching = new AtomicInteger();
    LongAdder created = new LongAdder();
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    Parallel.Outcome outcome =
        Parallel.run(
            options.clients(),
            options.seedLimit(),
            target.name() + " search runs created",
            created::sum,
            client -> {
              int i = next.getAndIncrement();
              if (i >= runs) {
                return false;
              }
              String run = target.createRun(Target.Group.SEARCH, "s-" + stamp + "-" + i);
              double rmse = rmse(i, runs);
              target.logSearchable(run, rmse, Double.toString((i % 100) / 100.0));
              if (rmse < 0.1) {
                matching.incrementAndGet();
              }
              created.increment();
              return true;
            });
    return new Seeded(
        created.intValue(), runs, matching.get(), outcome.elapsed(), outcome.stoppedAtLimit());
  }

  static double rmse(int i, int runs) {
    return ((i * RMSE_PERMUTATION) % runs) / (double) runs;
  }

  /**
   * Times {@code reads} calls of {@code read} after {@code warmups} untimed ones. Each answer is
   * handed to {@code check} after its clock stops, so checking costs the server nothing.
   */
  static <T> Samples time(int warmups, int reads, Callable<T> read, Consumer<T> check)
      throws Exception {
    for (int i = 0; i < warmups; i++) {
      check.accept(read.call());
    }
    List<Double> millis = new ArrayList<>(reads);
    for (int i = 0; i < reads; i++) {
      long start = System.nanoTime();
      T answer = read.call();
      millis.add((System.nanoTime() - start) / 1e6);
      check.accept(answer);
    }
    return Samples.of(millis);
  }
}
