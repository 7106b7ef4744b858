package dev.kiln.cli.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.config.Environment;
import dev.kiln.cli.output.Mappers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The token commands up to the point where they call the server; the server sits on a closed port
 * here, so reaching it shows as exit 3.
 */
class TokenCommandTest {

  @TempDir Path home;
  Environment environment;

  @BeforeEach
  void setUp() {
    environment = CliHarness.environment(home, Map.of());
  }

  static CreateTokenRequest requestFor(String... args) {
    CreateTokenCommand command = new CreateTokenCommand();
    new CommandLine(command).parseArgs(args);
    return command.request();
  }

  @Test
  void namesTheTokenCliByDefaultAndLeavesTheExpiryToTheServer() {
    CreateTokenRequest request = requestFor();

    assertThat(request).isEqualTo(new CreateTokenRequest("cli", null));
    assertThat(Mappers.JSON.writeValueAsString(request)).isEqualTo("{\"name\":\"cli\"}");
  }

  @Test
  void sendsTheGivenNameAndExpiry() {
    assertThat(
            Mappers.JSON.writeValueAsString(requestFor("--name", "ci", "--expires-in-days", "30")))
        .isEqualTo("{\"name\":\"ci\",\"expiresInDays\":30}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "3651"})
  void rejectsAnExpiryOutsideOneToTenYears(String days) {
    Result result = CliHarness.run(environment, "token", "create", "--expires-in-days", days);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("--expires-in-days must be between 1 and 3650, was " + days)
        .contains("'kiln token create --help'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "3650"})
  void acceptsTheBoundsOfTheExpiry(String days) {
    Result result = CliHarness.run(environment, "token", "create", "--expires-in-days", days);

    assertThat(result.exitCode()).isEqualTo(3);
  }

  @Test
  void rejectsANonNumericExpiry() {
    Result result = CliHarness.run(environment, "token", "create", "--expires-in-days", "soon");

    assertThat(result.exitCode()).isEqualTo(2);
  }

  @Test
  void rejectsABlankName() {
    Result result = CliHarness.run(environment, "token", "create", "--name", " ");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the token name must not be empty");
  }

  @Test
  void requiresTheIdOfTheTokenToRevoke() {
    Result result = CliHarness.run(environment, "token", "revoke");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required parameter: '<id>'");
  }

  @Test
  void encodesTheTokenIdAsOnePathSegment() {
    assertThat(Tokens.path("t 1/2")).isEqualTo("/api/v1/tokens/t%201%2F2");
  }

  @Test
  void revokesWithADeleteOnTheEncodedPath() {
    Result result = CliHarness.run(environment, "token", "revoke", "a/b", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> DELETE /api/v1/tokens/a%2Fb ");
  }
}
