package dev.kiln.compute.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places queued jobs on their compute targets: highest priority first, then oldest, never beyond
 * nodes × slots, growing a cluster up to its maximum when jobs wait and shrinking it after its idle
 * time. Dispatch on a target happens under a lock of the target's row, so several replicas never
 * overfill a target; a job that does not fit holds back the ones behind it, so priorities hold.
 */
@Component
class Scheduler extends Loop {

  private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
  private static final int BATCH = 100;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final ExecutionStore store;
  private final ComputeScale scale;
  private final Preparer preparer;

  Scheduler(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      ExecutionStore store,
      ComputeScale scale,
      Preparer preparer,
      ComputeSettings settings) {
    super(
        "kiln-scheduler", settings.scheduler().dispatchInterval(), settings.scheduler().enabled());
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.store = store;
    this.scale = scale;
    this.preparer = preparer;
  }

  /** Looks at the queues now rather than at the next tick (a job arrived, slots were freed). */
  void wake() {
    runSoon();
  }

  /** One pass over every target that has work waiting, and over every scaled target. */
  @Override
  void tick() {
    try {
      for (UUID computeId : store.computesWithQueuedWork()) {
        place(computeId).forEach(preparer::prepare);
      }
      for (UUID computeId : scale.toRescale()) {
        transactions.executeWithoutResult(status -> rescale(computeId));
      }
      store.unprepared().forEach(preparer::prepare);
    } catch (RuntimeException e) {
      log.warn("Scheduling pass failed; the next one retries", e);
    }
  }

  /**
   * Places what fits of a target's queue, in one transaction that holds the target's row; answers
   * the executions placed (nothing when another scheduler holds the target right now).
   */
  List<UUID> place(UUID computeId) {
    List<UUID> placed = transactions.execute(status -> dispatch(computeId));
    return placed == null ? List.of() : placed;
  }

  private List<UUID> dispatch(UUID computeId) {
    Target target = Target.lock(jdbc, computeId).orElse(null);
    if (target == null) {
      return List.of();
    }
    int nodes = scale.nodes(target);
    int busy = store.busySlots(computeId);
    List<UUID> placed = new ArrayList<>();
    if (busy >= target.capacity(target.maxNodes())) {
      // Full at its maximum: nothing queued can start, so its queue is not read (or locked) at all.
      scale.sample(computeId, nodes, busy, store.count(computeId, Execution.QUEUED));
      return placed;
    }
    int nodesBefore = nodes;
    String backend = target.backend();
    for (Execution e : store.lockQueue(computeId, BATCH)) {
      if (e.slots() > target.capacity(target.maxNodes())) {
        continue;
      }
      while (busy + e.slots() > target.capacity(nodes) && nodes < target.maxNodes()) {
        nodes++;
      }
      if (busy + e.slots() > target.capacity(nodes)) {
        break;
      }
      List<String> workloads = new ArrayList<>();
      for (int i = 0; i < e.slots(); i++) {
        workloads.add(Execution.workloadId(e.runId(), e.attempt() + 1, i));
      }
      store.dispatch(e, backend, workloads);
      busy += e.slots();
      placed.add(e.runId());
    }
    if (nodes != nodesBefore) {
      scale.setNodes(computeId, nodes);
    }
    scale.sample(computeId, nodes, busy, store.count(computeId, Execution.QUEUED));
    return placed;
  }

  private void rescale(UUID computeId) {
    Target target = Target.lock(jdbc, computeId).orElse(null);
    if (target == null) {
      return;
    }
    int busy = store.busySlots(computeId);
    int queued = store.count(computeId, Execution.QUEUED);
    int current = scale.currentNodes(computeId, target.minNodes());
    int nodes = Math.max(target.minNodes(), Math.min(current, target.maxNodes()));
    if (nodes != current) {
      scale.setNodes(computeId, nodes);
    }
    nodes = scale.shrinkIfIdle(target, nodes, busy, queued, Instant.now());
    scale.sample(computeId, nodes, busy, queued);
  }
}
