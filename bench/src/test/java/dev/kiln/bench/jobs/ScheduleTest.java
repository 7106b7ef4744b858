package dev.kiln.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's reading of the recorded schedule: concurrency and priority inversions. */
class ScheduleTest {

  static final Instant T0 = Instant.parse("2026-11-23T00:00:00Z");

  @Test
  void aSlotHandedOnAtTheSameInstantIsNotAnOverlap() {
    List<Schedule.Interval> intervals =
        List.of(interval(0, 10), interval(10, 20), interval(5, 15), interval(5, 6));

    assertThat(Schedule.maxOverlap(intervals)).isEqualTo(3);
  }

  @Test
  void aLowerPriorityJobDispatchedBeforeAWaitingHigherOneIsAnInversion() {
    Schedule.Started low = started("low", 0, 0, 5);
    Schedule.Started high = started("high", 5, 1, 9);

    assertThat(Schedule.inversions(List.of(low, high)))
        .containsExactly(new Schedule.Inversion(low, high));
  }

  @Test
  void aHigherPriorityJobThatArrivedLaterOrInTheSameRoundIsNoInversion() {
    Schedule.Started low = started("low", 0, 0, 5);
    Schedule.Started late = started("late", 5, 6, 9);
    Schedule.Started sameRound = started("same", 9, 0, 5);

    assertThat(Schedule.inversions(List.of(low, late, sameRound))).isEmpty();
  }

  @Test
  void onlyJobsQueuedBeforeTheFirstDispatchCountAsWaitingInDispatchOrder() {
    Schedule.Started a = started("a", 1, 0, 4);
    Schedule.Started b = started("b", 3, 1, 4);
    Schedule.Started c = started("c", 9, 5, 6);

    List<Schedule.Started> waiting = Schedule.queuedBehindBlockers(List.of(a, b, c));

    assertThat(waiting).containsExactly(b, a);
    assertThat(Schedule.stepsUp(waiting)).isZero();
    assertThat(Schedule.stepsUp(List.of(a, b))).isEqualTo(1);
  }

  private static Schedule.Interval interval(int start, int end) {
    return new Schedule.Interval(T0.plusSeconds(start), T0.plusSeconds(end));
  }

  private static Schedule.Started started(String name, int priority, int queued, int start) {
    return new Schedule.Started(name, priority, T0.plusSeconds(queued), T0.plusSeconds(start));
  }
}
