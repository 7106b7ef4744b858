package dev.kiln.cli.user;

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

/**
 * The user commands up to the point where they call the server; the server sits on a closed port
 * here, so reaching it shows as exit 3.
 */
class UserCommandTest {

  @TempDir Path home;
  Environment environment;

  @BeforeEach
  void setUp() {
    environment = CliHarness.environment(home, Map.of());
  }

  @Test
  void sendsNameDisplayNameAndAdmin() {
    assertThat(Mappers.JSON.writeValueAsString(new CreateUserRequest("alice", "Alice A", true)))
        .isEqualTo("{\"name\":\"alice\",\"displayName\":\"Alice A\",\"admin\":true}");
    assertThat(Mappers.JSON.writeValueAsString(new CreateUserRequest("bob", null, false)))
        .isEqualTo("{\"name\":\"bob\",\"admin\":false}");
  }

  @Test
  void createsWithAPostToTheUsers() {
    Result result =
        CliHarness.run(
            environment,
            "user",
            "create",
            "alice",
            "--display-name",
            "Alice",
            "--admin",
            "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> POST /api/v1/users ");
  }

  @Test
  void rejectsABlankUserName() {
    Result result = CliHarness.run(environment, "user", "create", "  ");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the user name must not be empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"show me", "show ME", "whoami"})
  void showsTheCurrentUser(String command) {
    String[] args = ("user " + command + " --verbose").split(" ");

    Result result = CliHarness.run(environment, args);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/users/me ");
  }

  @Test
  void showsNoOtherUserThanMe() {
    Result result = CliHarness.run(environment, "user", "show", "alice");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("'kiln user show me'").contains("'kiln user whoami'");
  }

  @Test
  void rejectsLimitBelowOne() {
    Result result = CliHarness.run(environment, "user", "list", "--limit", "0");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("--limit must be at least 1, was 0")
        .contains("'kiln user list --help'");
  }

  @Test
  void asksForAsManyUsersAsTheLimit() {
    Result result = CliHarness.run(environment, "user", "list", "--limit", "5", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/users?limit=5 ");
  }
}
