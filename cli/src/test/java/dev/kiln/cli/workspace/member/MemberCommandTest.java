package dev.kiln.cli.workspace.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import dev.kiln.cli.Terminal;
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
 * The member commands up to the point where they call the server; the server sits on a closed port
 * here, so reaching it shows as exit 3.
 */
class MemberCommandTest {

  static final String HINT =
      "no workspace selected: pass -w <workspace> or run 'kiln config set workspace <name>'";

  @TempDir Path home;
  Environment environment;

  @BeforeEach
  void setUp() {
    environment = CliHarness.environment(home, Map.of());
  }

  @ParameterizedTest
  @ValueSource(strings = {"Contributor", "contributor", "CONTRIBUTOR", " cOnTrIbUtOr "})
  void readsRoleNamesInAnyCase(String text) {
    assertThat(Role.parse(text)).isEqualTo(Role.CONTRIBUTOR);
  }

  @Test
  void sendsTheRoleCapitalised() {
    assertThat(Mappers.JSON.writeValueAsString(new SetMemberRequest(Role.parse("owner"))))
        .isEqualTo("{\"role\":\"Owner\"}");
  }

  @Test
  void rejectsAnUnknownRoleNamingTheThree() {
    assertThatThrownBy(() -> Role.parse("admin"))
        .hasMessage("unknown role 'admin': expected one of Owner, Contributor, Reader");
  }

  @Test
  void reportsAnUnknownRoleAsUsageError() {
    Result result =
        CliHarness.run(
            environment, "-w", "demo", "workspace", "member", "add", "bob", "--role", "x");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("unknown role 'x': expected one of Owner, Contributor, Reader")
        .contains("'kiln workspace member add --help'");
  }

  @Test
  void requiresARole() {
    Result result = CliHarness.run(environment, "-w", "demo", "ws", "member", "add", "bob");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("Missing required option: '--role=<role>'");
  }

  @Test
  void acceptsALowerCaseRoleAndCallsTheServer() {
    Result result =
        CliHarness.run(
            environment, "-w", "demo", "workspace", "member", "add", "bob", "--role", "reader");

    assertThat(result.exitCode()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"add bob --role Owner", "list", "remove bob --yes"})
  void failsWithAHintWhenNoWorkspaceIsSelected(String command) {
    String[] args = ("workspace member " + command).split(" ");

    Result result = CliHarness.run(environment, args);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("kiln: " + HINT);
  }

  @Test
  void takesTheWorkspaceFromTheOptionAfterTheCommandName() {
    Result result = CliHarness.run(environment, "workspace", "member", "list", "-w", "demo");

    assertThat(result.exitCode()).isEqualTo(3);
  }

  @Test
  void takesTheWorkspaceFromTheEnvironment() {
    Environment withWorkspace = CliHarness.environment(home, Map.of("KILN_WORKSPACE", "from-env"));

    Result result = CliHarness.run(withWorkspace, "workspace", "member", "list", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/from-env/members?limit=100");
  }

  @Test
  void takesTheWorkspaceFromTheConfigFile() {
    CliHarness.run(environment, "config", "set", "workspace", "from-file");

    Result result = CliHarness.run(environment, "workspace", "member", "list", "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> GET /api/v1/workspaces/from-file/members");
  }

  @Test
  void refusesToRemoveWithoutYesWhenThereIsNoConsole() {
    Result result =
        CliHarness.run(environment, Terminal.none(), "-w", "demo", "ws", "member", "remove", "bob");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("refusing to remove 'bob' from workspace 'demo' without confirmation")
        .contains("--yes");
  }

  @Test
  void doesNotCallTheServerWhenTheUserDeclinesTheRemoval() {
    Result result =
        CliHarness.run(
            environment, CliHarness.answering("n"), "-w", "demo", "ws", "member", "remove", "bob");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("'bob' is still a member of workspace 'demo'");
  }

  @Test
  void removesWhenTheUserConfirms() {
    Result result =
        CliHarness.run(
            environment, CliHarness.answering("y"), "-w", "demo", "ws", "member", "remove", "bob");

    assertThat(result.exitCode()).isEqualTo(3);
  }

  @Test
  void rejectsABlankUserName() {
    Result result =
        CliHarness.run(environment, "-w", "demo", "ws", "member", "add", " ", "--role", "Owner");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the user name must not be empty");
  }

  @Test
  void encodesWorkspaceAndUserAsPathSegments() {
    assertThat(Members.path("my ws", "bob/x?y"))
        .isEqualTo("/api/v1/workspaces/my%20ws/members/bob%2Fx%3Fy");
    assertThat(Members.collection("a/b")).isEqualTo("/api/v1/workspaces/a%2Fb/members");
  }

  @Test
  void sendsTheEncodedPathToTheServer() {
    Result result =
        CliHarness.run(
            environment,
            "-w",
            "my ws",
            "ws",
            "member",
            "remove",
            "bob smith",
            "--yes",
            "--verbose");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("> DELETE /api/v1/workspaces/my%20ws/members/bob%20smith ");
  }
}
