package dev.kiln.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApiClientTest {

  @Test
  void reportsAClosedPortAsUnreachable() {
    String url = CliHarness.closedPortUrl();
    ApiClient api =
        new ApiClient(url, "token", HttpClient.newHttpClient(), Duration.ofSeconds(5), null);

    assertThatThrownBy(() -> api.get("/api/v1/workspaces"))
        .isInstanceOfSatisfying(
            CliException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.UNREACHABLE);
              assertThat(e.getMessage()).contains(url).contains("connection refused");
            });
  }

  @Test
  void encodesPathSegments() {
    assertThat(ApiClient.segment("a b/c?d")).isEqualTo("a%20b%2Fc%3Fd");
  }
}
