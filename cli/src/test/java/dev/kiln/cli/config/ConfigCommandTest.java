package dev.kiln.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.CliHarness;
import dev.kiln.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

  @TempDir Path home;

  /** No KILN_URL here: these tests look at how the URL is resolved, and none calls the server. */
  Environment environment(Map<String, String> extra) {
    Map<String, String> variables = new HashMap<>(extra);
    variables.put("KILN_HOME", home.resolve("kiln-home").toString());
    return new Environment(variables, home.resolve("user-home"));
  }

  @Test
  void setWritesTheConfigFileAndShowReadsItBack() throws IOException {
    Environment environment = environment(Map.of());

    Result set = CliHarness.run(environment, "config", "set", "url", "http://gateway:9000");
    Result show = CliHarness.run(environment, "config", "show");

    assertThat(set.exitCode()).isZero();
    Path file = environment.kilnHome().resolve("config.yaml");
    assertThat(Files.readString(file)).contains("url: http://gateway:9000");
    assertThat(show.exitCode()).isZero();
    assertThat(show.out()).contains("http://gateway:9000   config file (" + file + ")");
  }

  @Test
  void showMasksTheToken() {
    Environment environment = environment(Map.of());
    CliHarness.run(environment, "config", "set", "token", "kiln_pat_0123456789abcdef");

    Result show = CliHarness.run(environment, "config", "show", "-o", "json");

    assertThat(show.exitCode()).isZero();
    assertThat(show.out()).contains("\"kiln****\"").doesNotContain("0123456789abcdef");
  }

  @Test
  void showNamesWhereEachSettingComesFrom() {
    Environment environment = environment(Map.of("KILN_WORKSPACE", "env-ws"));

    Result show = CliHarness.run(environment, "config", "show", "--token", "t");

    assertThat(show.out().lines())
        .contains(
            "KEY         VALUE                   SOURCE",
            "url         http://localhost:8080   default",
            "token       ****                    command line (--token)",
            "workspace   env-ws                  environment (KILN_WORKSPACE)");
  }

  @Test
  void rejectsAnUnknownKeyAsUsageError() {
    Result result = CliHarness.run(environment(Map.of()), "config", "set", "colour", "blue");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("unknown setting 'colour': expected one of url, token, workspace");
  }

  @Test
  void rejectsAUrlWithoutSchemeAsUsageError() {
    Result result = CliHarness.run(environment(Map.of()), "config", "set", "url", "gateway:8080");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("invalid url 'gateway:8080'");
  }

  @Test
  void reportsABrokenConfigFileAsUsageError() throws IOException {
    Environment environment = environment(Map.of());
    Files.createDirectories(environment.kilnHome());
    Files.writeString(environment.kilnHome().resolve("config.yaml"), "- not a map\n");

    Result result = CliHarness.run(environment, "config", "show");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("kiln: invalid config file ");
  }

  @Test
  void masksShortSecretsCompletely() {
    assertThat(ShowConfigCommand.mask("short")).isEqualTo("****");
    assertThat(ShowConfigCommand.mask(null)).isNull();
  }
}
