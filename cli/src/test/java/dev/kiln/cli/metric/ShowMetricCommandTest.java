package dev.kiln.cli.metric;

import static dev.kiln.cli.CliHarness.assertFailed;
import static dev.kiln.cli.job.ApiStub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.job.AgainstStub;
import dev.kiln.cli.output.Mappers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** {@code kiln metric show} against a stubbed run-service: latest values, history and paging. */
class ShowMetricCommandTest extends AgainstStub {

  static final String METRICS = JOBS + "/j1/metrics";

  static String point(long step, String value) {
    return "{\"step\": %d, \"timestamp\": %d, \"value\": %s}"
        .formatted(step, 1795428000000L + step * 1000, value);
  }

  @Test
  void showsTheLatestValueOfEachMetric() {
    stub.on(
        "GET",
        METRICS,
        json(
            """
            {"metrics": [
              {"key": "accuracy", "value": 0.9, "step": 3, "timestamp": 1795428000000},
              {"key": "loss", "value": "Infinity", "step": 3, "timestamp": 1795428001500}]}
            """));

    Result result = run("metric", "show", "j1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "KEY        VALUE      STEP   TIMESTAMP",
            "accuracy   0.9        3      2026-11-23T10:00:00Z",
            "loss       Infinity   3      2026-11-23T10:00:01.500Z");
  }

  @Test
  void readsTheWholeHistoryPageByPage() {
    stub.on(
        "GET",
        METRICS + "/loss",
        json("{\"items\": [%s, %s], \"next\": \"p2\"}".formatted(point(0, "1.5"), point(1, "1.0"))),
        json("{\"items\": [%s], \"next\": null}".formatted(point(2, "0.5"))));

    Result result = run("metric", "show", "j1", "loss");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "STEP   TIMESTAMP              VALUE",
            "0      2026-11-23T10:00:00Z   1.5",
            "1      2026-11-23T10:00:01Z   1.0",
            "2      2026-11-23T10:00:02Z   0.5");
    assertThat(stub.requests("GET", METRICS + "/loss"))
        .extracting(request -> request.query().get("cursor"), r -> r.query().get("limit"))
        .containsExactly(tuple(null, "1000"), tuple("p2", "1000"));
  }

  @Test
  void stopsReadingAtTheLimit() {
    stub.on(
        "GET",
        METRICS + "/loss",
        json("{\"items\": [%s, %s], \"next\": \"p2\"}".formatted(point(0, "1.5"), point(1, "1"))));

    Result result = run("metric", "show", "j1", "loss", "--limit", "2", "-o", "json");

    JsonNode points = Mappers.JSON.readTree(result.out());
    assertThat(points).hasSize(2);
    assertThat(stub.requests("GET", METRICS + "/loss"))
        .singleElement()
        .satisfies(request -> assertThat(request.query()).containsEntry("limit", "2"));
  }

  @Test
  void asksTheServerToDownsampleWithPoints() {
    stub.on(
        "GET",
        METRICS + "/system/cpu%20percent",
        json(
            "{\"items\": [%s, %s], \"downsampled\": true}"
                .formatted(point(0, "3"), point(999, "97"))));

    Result result = run("metric", "show", "j1", "system/cpu percent", "--points", "2");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("999", "97");
    assertThat(stub.requests("GET", METRICS + "/system/cpu%20percent"))
        .singleElement()
        .satisfies(request -> assertThat(request.query()).containsOnlyKeys("points"));
  }

  @Test
  void saysSoWhenAMetricHasNoPoints() {
    stub.on("GET", METRICS + "/lost", json("{\"items\": [], \"next\": null}"));

    Result result = run("metric", "show", "j1", "lost");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("STEP   TIMESTAMP   VALUE\n");
    assertThat(result.err()).isEqualTo("Job 'j1' has no points of metric 'lost'.\n");
  }

  @Test
  void reportsAnUnknownJobAsNotFound() {
    Result result = run("metric", "show", "nope");

    assertThat(result.exitCode()).isEqualTo(5);
  }

  @Test
  void refusesPointsWithoutAKey() {
    assertFailed(run("metric", "show", "j1", "--points", "10"), 2, "--points needs a metric <key>");
    assertThat(stub.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "10001", "-3"})
  void refusesAPointCountOutOfRange(String points) {
    assertFailed(
        run("metric", "show", "j1", "loss", "--points", points),
        2,
        "--points must be between 1 and 10000, was " + points);
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void refusesPointsTogetherWithALimit() {
    assertFailed(
        run("metric", "show", "j1", "loss", "--points", "5", "--limit", "5"),
        2,
        "--points and --limit cannot be combined");
    assertThat(stub.requests()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../loss", "a//b", "/loss", "a/./b", "loss/"})
  void refusesAKeyThatAPathCannotCarry(String key) {
    assertFailed(run("metric", "show", "j1", key), 2, "'" + key + "' is not a valid metric key");
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void refusesABlankKey() {
    assertFailed(run("metric", "show", "j1", " "), 2, "the metric key must not be empty");
    assertThat(stub.requests()).isEmpty();
  }
}
