package dev.kiln.cli.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void readsAllProblemFields() {
    String body =
        """
        {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "gone",
         "code": "workspace_not_found", "retryable": true, "instance": "/x"}
        """;

    assertThat(Problem.parse(body))
        .contains(
            new Problem("about:blank", "Not Found", 404, "gone", "workspace_not_found", true));
  }

  @Test
  void ignoresBodiesThatAreNotProblems() {
    assertThat(Problem.parse("<html>oops</html>")).isEmpty();
    assertThat(Problem.parse("[1, 2]")).isEmpty();
    assertThat(Problem.parse("{\"status\": 500}")).isEmpty();
    assertThat(Problem.parse("")).isEmpty();
    assertThat(Problem.parse(null)).isEmpty();
  }
}
