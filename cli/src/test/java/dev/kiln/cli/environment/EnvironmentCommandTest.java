package dev.kiln.cli.environment;

import static dev.kiln.cli.CliHarness.assertNeedsWorkspace;
import static dev.kiln.cli.CliHarness.assertSent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.output.Mappers;
import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The list, show and archive commands of environments, and the columns of the list. */
class EnvironmentCommandTest extends CliHarness.InTempHome {

  @ParameterizedTest
  @ValueSource(
      strings = {"list", "list --name e", "show e", "show e --version 2", "archive e --version 1"})
  void failsWithAHintWhenNoWorkspaceIsSelected(String command) {
    Result result = run(("environment " + command).split(" "));

    assertNeedsWorkspace(result);
  }

  @Test
  void listsWithAGetOnTheCollection() {
    Result result = run("-w", "demo", "env", "list", "--verbose");

    assertSent(result, "> GET /api/v1/workspaces/demo/environments?limit=100 ");
  }

  @Test
  void showsTheLatestOrTheGivenVersion() {
    Result latest = run("-w", "demo", "env", "show", "sklearn-env", "--verbose");
    Result second = run("-w", "demo", "env", "show", "sklearn-env", "--version", "2", "--verbose");

    assertThat(latest.err())
        .contains("> GET /api/v1/workspaces/demo/environments/sklearn-env/versions/latest ");
    assertThat(second.err())
        .contains("> GET /api/v1/workspaces/demo/environments/sklearn-env/versions/2 ");
  }

  @Test
  void archivesWithAPostOnTheVersion() {
    Result result = run("-w", "demo", "env", "archive", "e", "--version", "1", "--verbose");

    assertThat(result.err())
        .contains("> POST /api/v1/workspaces/demo/environments/e/versions/1/archive ");
  }

  @Test
  void listsNameVersionCuratedShortHashAndCreated() {
    JsonNode curated =
        Mappers.JSON.readTree(
            """
            {"name": "sklearn-1.5", "version": "1", "curated": true,
             "contentHash": "0123456789abcdef0123", "createdAt": "2025-01-02T03:04:05Z",
             "image": "python:3.11-slim"}
            """);
    JsonNode own =
        Mappers.JSON.readTree(
            "{\"name\": \"mine\", \"version\": \"12\", \"curated\": false, \"contentHash\": \"ab\"}");
    StringWriter out = new StringWriter();

    new Printer(OutputFormat.TABLE, new PrintWriter(out))
        .list(List.of(curated, own), Environments.COLUMNS);

    assertThat(out.toString())
        .isEqualTo(
            """
            NAME          VERSION   CURATED   HASH           CREATED
            sklearn-1.5   1         yes       0123456789ab   2025-01-02T03:04:05Z
            mine          12        no        ab
            """);
  }
}
