package dev.kiln.cli.job;

import static dev.kiln.cli.job.ApiStub.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.output.Mappers;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code kiln job list} against a stubbed run-service: its table, paging and limits. */
class ListJobsCommandTest extends AgainstStub {

  static final String COMPLETED =
      """
      {"id": "1", "name": "brave_kiln_1", "displayName": "baseline", "experimentName": "mnist",
       "status": "Completed", "createdAt": "2026-11-23T10:00:00Z",
       "startTime": "2026-11-23T10:00:05Z", "endTime": "2026-11-23T10:04:10Z",
       "tags": {}, "properties": {}}
      """;

  static final String QUEUED =
      """
      {"id": "2", "name": "calm_dune_2", "displayName": null, "experimentName": "Default",
       "status": "Queued", "createdAt": "2026-11-23T11:00:00Z", "startTime": null,
       "endTime": null, "tags": {}, "properties": {}}
      """;

  static String page(String next, String... items) {
    return "{\"items\": [" + String.join(",", items) + "], \"next\": " + next + "}";
  }

  static String job(int i) {
    return "{\"name\": \"job_%03d\", \"status\": \"Completed\"}".formatted(i);
  }

  @Test
  void showsNameDisplayNameExperimentStatusCreatedAndDuration() {
    stub.on("GET", JOBS, json(page("null", QUEUED, COMPLETED)));

    Result result = run("job", "list");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "NAME           DISPLAY NAME   EXPERIMENT   STATUS      CREATED                DURATION",
            "calm_dune_2                   Default      Queued      2026-11-23T11:00:00Z",
            "brave_kiln_1   baseline       mnist        Completed   2026-11-23T10:00:00Z   4m 05s");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void printsTheServersJobsAsJson() {
    stub.on("GET", JOBS, json(page("null", COMPLETED)));

    Result result = run("job", "list", "-o", "json");

    JsonNode jobs = Mappers.JSON.readTree(result.out());
    assertThat(jobs.get(0).get("name").asString()).isEqualTo("brave_kiln_1");
    assertThat(jobs.get(0).get("endTime").asString()).isEqualTo("2026-11-23T10:04:10Z");
  }

  @Test
  void followsTheCursorThroughEveryPageWithAll() {
    stub.on(
        "GET",
        JOBS,
        json(page("\"c1\"", job(1), job(2))),
        json(page("\"c2\"", job(3))),
        json(page("null", job(4))));

    Result result = run("job", "list", "--all", "--status", "completed", "--experiment", "mnist");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("job_001", "job_002", "job_003", "job_004");
    assertThat(stub.requests("GET", JOBS))
        .extracting(request -> request.query().get("cursor"))
        .containsExactly(null, "c1", "c2");
    assertThat(stub.requests("GET", JOBS))
        .allSatisfy(
            request -> {
              assertThat(request.query()).containsEntry("status", "Completed");
              assertThat(request.query()).containsEntry("experiment", "mnist");
            });
  }

  @Test
  void showsTheNewestFiftyAndSaysHowToSeeMore() {
    String[] jobs =
        IntStream.range(0, 60).mapToObj(ListJobsCommandTest::job).toArray(String[]::new);
    stub.on("GET", JOBS, json(page("\"more\"", jobs)));

    Result result = run("job", "list");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).hasSize(1 + 50).last().asString().startsWith("job_049");
    assertThat(result.err())
        .isEqualTo("Showing the newest 50 jobs; pass --all or --limit <n> to see more.\n");
    assertThat(stub.requests("GET", JOBS))
        .singleElement()
        .satisfies(request -> assertThat(request.query()).containsEntry("limit", "51"));
  }

  @Test
  void showsAsManyAsTheLimitSaysWithoutAHint() {
    String[] jobs = IntStream.range(0, 3).mapToObj(ListJobsCommandTest::job).toArray(String[]::new);
    stub.on("GET", JOBS, json(page("\"more\"", jobs)));

    Result result = run("job", "list", "--limit", "3");

    assertThat(result.out().lines()).hasSize(1 + 3);
    assertThat(result.err()).isEmpty();
    assertThat(stub.requests("GET", JOBS))
        .singleElement()
        .satisfies(request -> assertThat(request.query()).containsEntry("limit", "3"));
  }

  @Test
  void reportsAnUnknownExperimentAsNotFound() {
    stub.on("GET", JOBS, ApiStub.problem(404, "experiment_not_found", "No experiment 'nope'."));

    Result result = run("job", "list", "--experiment", "nope");

    assertThat(result.exitCode()).isEqualTo(5);
    assertThat(result.err())
        .isEqualTo("kiln: No experiment 'nope'. (experiment_not_found, HTTP 404)\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void countsDurationsInTheLargestUsefulUnits() {
    assertThat(
            IntStream.of(0, 59, 60, 245, 3599, 3600, 7380, 86_399, 86_400, 277_200)
                .mapToObj(s -> Jobs.human(Duration.ofSeconds(s)))
                .collect(Collectors.joining(", ")))
        .isEqualTo("0s, 59s, 1m 00s, 4m 05s, 59m 59s, 1h 00m, 2h 03m, 23h 59m, 1d 00h, 3d 05h");
  }
}
