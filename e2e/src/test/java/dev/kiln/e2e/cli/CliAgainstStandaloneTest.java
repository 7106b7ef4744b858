package dev.kiln.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.e2e.cli.RunningPlatform.Run;
import dev.kiln.testsupport.FreePorts;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code kiln} CLI against the real standalone platform: a user's workspace round trip, with
 * the URL and token found the way a user's shell finds them ({@code KILN_HOME}, {@code KILN_PORT},
 * the admin token file).
 */
class CliAgainstStandaloneTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  static Run kiln(String... args) {
    return RunningPlatform.kiln(args);
  }

  static Run kilnWith(Map<String, String> variables, String... args) {
    return RunningPlatform.kilnWith(variables, args);
  }

  @Test
  void createsListsShowsAndDeletesAWorkspace() {
    String name = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    Run created = kiln("workspace", "create", name, "--description", "from the CLI");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains(name);

    Run listed = kiln("workspace", "list");
    assertThat(listed.exitCode()).isZero();
    assertThat(listed.out()).contains("NAME").contains(name).contains("from the CLI");

    Run shown = kiln("ws", "show", name, "-o", "json");
    assertThat(shown.exitCode()).isZero();
    JsonNode json = JSON.readTree(shown.out());
    assertThat(json.get("name").asString()).isEqualTo(name);

    assertThat(kiln("workspace", "delete", name, "--yes").exitCode()).isZero();
    Run gone = kiln("workspace", "show", name);
    assertThat(gone.exitCode()).isEqualTo(5);
    assertThat(gone.err())
        .contains(name)
        .contains("workspace_not_found")
        .doesNotContain("Exception");
  }

  @Test
  void givesAUserOnlyTheWorkspacesAndRightsTheyAreGiven() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String bob = "bob-" + suffix;
    String workspace = "shared-" + suffix;
    Run created = kiln("user", "create", bob, "-o", "json");
    assertThat(created.exitCode()).as(created.err()).isZero();
    String bobsToken = JSON.readTree(created.out()).at("/token/token").asString();
    assertThat(kiln("workspace", "create", workspace).exitCode()).isZero();

    assertThat(asUser(bobsToken, "workspace", "show", workspace).exitCode()).isEqualTo(5);
    assertThat(
            kiln("-w", workspace, "workspace", "member", "add", bob, "--role", "reader").exitCode())
        .isZero();
    assertThat(asUser(bobsToken, "workspace", "show", workspace).exitCode()).isZero();
    Run members = kiln("-w", workspace, "workspace", "member", "list");
    assertThat(members.out()).contains(bob).contains("Reader").contains("admin").contains("Owner");

    Run forbidden =
        asUser(
            bobsToken, "-w", workspace, "workspace", "member", "add", "admin", "--role", "reader");
    assertThat(forbidden.exitCode()).isEqualTo(4);
    assertThat(forbidden.err()).contains("forbidden");
  }

  @Test
  void revokesATokenSoItIsRefusedWithinSeconds() {
    Run created = kiln("token", "create", "--name", "laptop", "-o", "json");
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonNode token = JSON.readTree(created.out());
    assertThat(asUser(token.get("token").asString(), "workspace", "list").exitCode()).isZero();
    Run listed = kiln("token", "list");
    assertThat(listed.out()).contains("laptop").doesNotContain(token.get("token").asString());

    assertThat(kiln("token", "revoke", token.get("id").asString()).exitCode()).isZero();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> asUser(token.get("token").asString(), "workspace", "list").exitCode() == 4);
  }

  static Run asUser(String token, String... args) {
    return kilnWith(Map.of("KILN_TOKEN", token), args);
  }

  @Test
  void reportsAConflictInOneLineWithItsExitCode() {
    String name = "dup-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(kiln("workspace", "create", name).exitCode()).isZero();
    Run duplicate = kiln("workspace", "create", name);
    assertThat(duplicate.exitCode()).isEqualTo(6);
    assertThat(duplicate.err().strip().lines()).hasSize(1);
    assertThat(duplicate.err()).contains("workspace_exists");
  }

  @Test
  void reportsAnInvalidNameAsAnInvalidRequest() {
    Run invalid = kiln("workspace", "create", "../etc");
    assertThat(invalid.exitCode()).isEqualTo(7);
    assertThat(invalid.err()).contains("invalid_request");
  }

  @Test
  void printsTheServersVersion() {
    Run version = kiln("version");
    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).contains("server:").doesNotContain("unreachable");
  }

  @Test
  void saysThePlatformIsUnreachableWhenNothingListens() {
    Run unreachable =
        kilnWith(Map.of("KILN_URL", "http://127.0.0.1:" + FreePorts.block(1)), "workspace", "list");
    assertThat(unreachable.exitCode()).isEqualTo(3);
    assertThat(unreachable.err()).contains("./kiln up");
  }
}
