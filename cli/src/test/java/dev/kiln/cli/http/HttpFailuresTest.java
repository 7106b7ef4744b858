package dev.kiln.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpFailuresTest {

  static final String REQUEST = "GET /api/v1/workspaces/demo";

  static String problem(int status, String code) {
    return """
        {"type": "https://kiln.dev/problems/%s", "title": "Some title", "status": %d,
         "detail": "what went wrong", "code": "%s", "retryable": false}
        """
        .formatted(code, status, code);
  }

  @ParameterizedTest(name = "HTTP {0} exits {1}")
  @CsvSource({
    "401, 4, unauthenticated",
    "403, 4, forbidden",
    "404, 5, workspace_not_found",
    "409, 6, workspace_exists",
    "400, 7, invalid_request",
    "422, 7, invalid_spec",
    "429, 7, rate_limited",
    "500, 8, internal_error",
    "503, 8, unavailable"
  })
  void mapsEachStatusClassToItsExitCode(int status, int exitCode, String code) {
    CliException failure = HttpFailures.fromResponse(status, problem(status, code), REQUEST);

    assertThat(failure.exitCode().code()).isEqualTo(exitCode);
    assertThat(failure.getMessage())
        .isEqualTo("what went wrong (" + code + ", HTTP " + status + ")");
    assertThat(failure.problemCode()).isEqualTo(code);
  }

  @Test
  void hasNoProblemCodeForABodyThatIsNotAProblem() {
    CliException failure = HttpFailures.fromResponse(404, "<html>gone</html>", REQUEST);

    assertThat(failure.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(failure.problemCode()).isNull();
  }

  @Test
  void describesProblemByItsDetailCodeAndStatus() {
    String body =
        """
        {"type": "about:blank", "title": "Not Found", "status": 404,
         "detail": "workspace 'demo' not found", "code": "workspace_not_found", "retryable": false}
        """;

    CliException failure = HttpFailures.fromResponse(404, body, REQUEST);

    assertThat(failure.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(failure.getMessage())
        .isEqualTo("workspace 'demo' not found (workspace_not_found, HTTP 404)");
  }

  @Test
  void fallsBackToTheTitleWhenThereIsNoDetail() {
    String body = "{\"title\": \"Conflict\", \"status\": 409, \"code\": \"workspace_exists\"}";

    assertThat(HttpFailures.fromResponse(409, body, REQUEST).getMessage())
        .isEqualTo("Conflict (workspace_exists, HTTP 409)");
  }

  @Test
  void leavesOutTheCodeWhenTheProblemHasNone() {
    String body = "{\"title\": \"Forbidden\", \"status\": 403}";

    assertThat(HttpFailures.fromResponse(403, body, REQUEST).getMessage())
        .isEqualTo("Forbidden (HTTP 403)");
  }

  @Test
  void showsStatusAndTheFirst200CharactersOfANonProblemBody() {
    String body = "<html>" + "x".repeat(300) + "</html>";

    CliException failure = HttpFailures.fromResponse(502, body, REQUEST);

    assertThat(failure.exitCode()).isEqualTo(ExitCode.SERVER_ERROR);
    assertThat(failure.getMessage())
        .isEqualTo(REQUEST + " failed with HTTP 502: " + body.substring(0, 200) + "...");
  }

  @Test
  void keepsANonProblemBodyOnOneLine() {
    CliException failure = HttpFailures.fromResponse(400, "bad\n  request\n", REQUEST);

    assertThat(failure.exitCode()).isEqualTo(ExitCode.INVALID_REQUEST);
    assertThat(failure.getMessage()).isEqualTo(REQUEST + " failed with HTTP 400: bad request");
  }

  @Test
  void treatsJsonWithoutProblemFieldsAsPlainBody() {
    CliException failure = HttpFailures.fromResponse(404, "{\"error\": \"nope\"}", REQUEST);

    assertThat(failure.getMessage())
        .isEqualTo(REQUEST + " failed with HTTP 404: {\"error\": \"nope\"}");
  }

  @Test
  void saysSoWhenTheErrorBodyIsEmpty() {
    CliException failure = HttpFailures.fromResponse(401, "", REQUEST);

    assertThat(failure.exitCode()).isEqualTo(ExitCode.AUTHENTICATION);
    assertThat(failure.getMessage()).isEqualTo(REQUEST + " failed with HTTP 401 (empty answer)");
  }

  @Test
  void namesRefusedConnectionsAndTheUrlAndHintsAtKilnUp() {
    CliException failure =
        HttpFailures.unreachable("http://localhost:8080", new ConnectException());

    assertThat(failure.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
    assertThat(failure.getMessage())
        .isEqualTo(
            "cannot reach the Kiln platform at http://localhost:8080 (connection refused);"
                + " is it running? Start it with ./kiln up");
  }

  @Test
  void namesTimeouts() {
    assertThat(
            HttpFailures.unreachable("http://h:1", new HttpConnectTimeoutException("x"))
                .getMessage())
        .contains("(connection timed out)");
    assertThat(HttpFailures.unreachable("http://h:1", new HttpTimeoutException("x")).getMessage())
        .contains("(no answer in time)");
  }
}
