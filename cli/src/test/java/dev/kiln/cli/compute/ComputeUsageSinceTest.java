package dev.kiln.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How {@code kiln compute usage --since} reads instants and durations. */
class ComputeUsageSinceTest {

  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @CsvSource({
    "2026-11-20T08:30:00Z, 2026-11-20T08:30:00Z",
    "2026-11-20T10:30:00+02:00, 2026-11-20T08:30:00Z",
    "90s, 2026-11-23T11:58:30Z",
    "30m, 2026-11-23T11:30:00Z",
    "2h, 2026-11-23T10:00:00Z",
    "2H, 2026-11-23T10:00:00Z",
    "1d, 2026-11-22T12:00:00Z",
    "1h30m, 2026-11-23T10:30:00Z",
    "PT2H, 2026-11-23T10:00:00Z",
    "P1D, 2026-11-22T12:00:00Z"
  })
  void readsAnInstantOrCountsADurationBackFromNow(String since, String expected) {
    assertThat(UsageSince.parse(since, NOW)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2", "h", "0s", "0h0m", "PT0S", "-PT1H", "2w", "1.5h"})
  void refusesWhatIsNeitherAnInstantNorAPositiveDuration(String since) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> UsageSince.parse(since, NOW))
        .withMessageContaining("--since must be an ISO-8601 instant")
        .withMessageContaining("'" + since + "'");
  }
}
