package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.config.Environment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KilnCliTest {

  @TempDir Path home;
  Environment environment;

  @BeforeEach
  void setUp() {
    environment = CliHarness.environment(home, Map.of());
  }

  @Test
  void exitsWithUsageErrorOnUnknownCommand() {
    Result result = CliHarness.run(environment, "frobnicate");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("kiln: Unmatched argument").contains("'kiln --help'");
  }

  @Test
  void exitsWithUsageErrorOnUnknownOption() {
    Result result = CliHarness.run(environment, "workspace", "list", "--bogus");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--bogus").contains("'kiln workspace list --help'");
  }

  @Test
  void exitsWithUsageErrorOnUnknownOutputFormat() {
    Result result = CliHarness.run(environment, "-o", "xml", "version");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("expected json, yaml or table, got 'xml'");
  }

  @Test
  void exitsWithUsageErrorWhenNoCommandIsGiven() {
    Result result = CliHarness.run(environment);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("kiln: missing command").contains("Usage: kiln");
  }

  @Test
  void exitsWithUsageErrorWhenAParameterIsMissing() {
    Result result = CliHarness.run(environment, "workspace", "show");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required parameter: '<name>'");
  }

  @Test
  void printsHelpOnStdoutAndSucceeds() {
    Result result = CliHarness.run(environment, "workspace", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("Usage: kiln workspace").contains("create").contains("--url");
  }

  @Test
  void reportsUnreachablePlatformWithItsUrlAndHowToStartIt() {
    String url = CliHarness.closedPortUrl();

    Result result = CliHarness.run(environment, "--url", url, "workspace", "list");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err().strip())
        .isEqualTo(
            "kiln: cannot reach the Kiln platform at "
                + url
                + " (connection refused); is it running? Start it with ./kiln up");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void acceptsGlobalOptionsAfterTheCommandName() {
    String url = CliHarness.closedPortUrl();

    Result result = CliHarness.run(environment, "ws", "list", "-o", "json", "--url", url);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains(url);
  }

  @Test
  void versionSaysServerUnreachableWithoutFailing() {
    Result result = CliHarness.run(environment, "version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("client: ").contains("server: unreachable");
  }

  @Test
  void versionPrintsBothVersionsAsJson() {
    Result result = CliHarness.run(environment, "version", "-o", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"client\": ").contains("\"server\": \"unreachable\"");
  }

  @Test
  void printsNoStackTraceByDefault() {
    Result result = CliHarness.run(environment, "workspace", "show", "demo");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).doesNotContain("\tat ");
  }

  @Test
  void printsStackTraceAndRequestTraceWhenVerbose() {
    Result result = CliHarness.run(environment, "workspace", "show", "demo", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/demo").contains("\tat ");
  }

  @Test
  void printsStackTraceWhenKilnDebugIsSet() {
    Environment debug = CliHarness.environment(home, Map.of("KILN_DEBUG", "1"));

    Result result = CliHarness.run(debug, "workspace", "show", "demo");

    assertThat(result.err()).contains("\tat ");
  }

  @Test
  void rejectsGatewayUrlThatIsNotHttpAsUsageError() {
    Result result = CliHarness.run(environment, "--url", "ftp://example", "workspace", "list");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("invalid gateway URL 'ftp://example'");
  }
}
