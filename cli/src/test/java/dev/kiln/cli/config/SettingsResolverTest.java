package dev.kiln.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {

  @TempDir Path temp;
  Path kilnHome;
  Map<String, String> variables = new HashMap<>();

  @BeforeEach
  void setUp() {
    kilnHome = temp.resolve("kiln");
    variables.put("KILN_HOME", kilnHome.toString());
  }

  Settings resolve(Map<SettingKey, String> options) {
    return new SettingsResolver(new Environment(variables, temp.resolve("user"))).resolve(options);
  }

  void writeConfig(String yaml) throws IOException {
    Files.createDirectories(kilnHome);
    Files.writeString(kilnHome.resolve("config.yaml"), yaml);
  }

  @Test
  void prefersTheCommandLineOverEnvironmentAndConfigFile() throws IOException {
    writeConfig("url: http://from-file:1\ntoken: file-token\nworkspace: file-ws\n");
    variables.put("KILN_URL", "http://from-env:2");
    variables.put("KILN_TOKEN", "env-token");
    variables.put("KILN_WORKSPACE", "env-ws");

    Settings settings =
        resolve(
            Map.of(
                SettingKey.URL, "http://from-option:3",
                SettingKey.TOKEN, "option-token",
                SettingKey.WORKSPACE, "option-ws"));

    assertThat(settings.url())
        .isEqualTo(new Settings.Value("http://from-option:3", "command line (--url)"));
    assertThat(settings.token().value()).isEqualTo("option-token");
    assertThat(settings.workspace().value()).isEqualTo("option-ws");
  }

  @Test
  void prefersTheEnvironmentOverTheConfigFile() throws IOException {
    writeConfig("url: http://from-file:1\ntoken: file-token\nworkspace: file-ws\n");
    variables.put("KILN_URL", "http://from-env:2");
    variables.put("KILN_TOKEN", "env-token");
    variables.put("KILN_WORKSPACE", "env-ws");

    Settings settings = resolve(Map.of());

    assertThat(settings.url())
        .isEqualTo(new Settings.Value("http://from-env:2", "environment (KILN_URL)"));
    assertThat(settings.token().value()).isEqualTo("env-token");
    assertThat(settings.workspace().value()).isEqualTo("env-ws");
  }

  @Test
  void prefersTheConfigFileOverDefaults() throws IOException {
    writeConfig("url: http://from-file:1\ntoken: file-token\nworkspace: file-ws\n");
    Files.writeString(kilnHome.resolve("admin-token"), "admin-token-value");
    variables.put("KILN_PORT", "9999");

    Settings settings = resolve(Map.of());

    assertThat(settings.url().value()).isEqualTo("http://from-file:1");
    assertThat(settings.url().source()).startsWith("config file (").contains("config.yaml");
    assertThat(settings.token().value()).isEqualTo("file-token");
    assertThat(settings.workspace().value()).isEqualTo("file-ws");
  }

  @Test
  void defaultsToLocalhostOnPort8080() {
    Settings settings = resolve(Map.of());

    assertThat(settings.url()).isEqualTo(new Settings.Value("http://localhost:8080", "default"));
    assertThat(settings.token().isPresent()).isFalse();
    assertThat(settings.workspace().isPresent()).isFalse();
  }

  @Test
  void defaultsToLocalhostOnKilnPort() {
    variables.put("KILN_PORT", "18080");

    assertThat(resolve(Map.of()).url().value()).isEqualTo("http://localhost:18080");
  }

  @Test
  void fallsBackToTheTrimmedAdminToken() throws IOException {
    Files.createDirectories(kilnHome);
    Files.writeString(kilnHome.resolve("admin-token"), "  secret-admin-token\n");

    Settings.Value token = resolve(Map.of()).token();

    assertThat(token.value()).isEqualTo("secret-admin-token");
    assertThat(token.source()).startsWith("admin token file (");
  }

  @Test
  void ignoresAnEmptyAdminTokenFile() throws IOException {
    Files.createDirectories(kilnHome);
    Files.writeString(kilnHome.resolve("admin-token"), "\n");

    assertThat(resolve(Map.of()).token().isPresent()).isFalse();
  }

  @Test
  void ignoresBlankValuesAtEveryLevel() throws IOException {
    writeConfig("url: ''\n");
    variables.put("KILN_URL", "  ");

    Settings settings = resolve(Map.of(SettingKey.URL, ""));

    assertThat(settings.url().value()).isEqualTo("http://localhost:8080");
  }

  @Test
  void dropsTrailingSlashesFromTheUrl() {
    assertThat(resolve(Map.of(SettingKey.URL, "http://gateway:8080//")).url().value())
        .isEqualTo("http://gateway:8080");
  }

  @Test
  void usesDotKilnInTheUserHomeWhenKilnHomeIsUnset() {
    Environment environment = new Environment(Map.of(), temp.resolve("user"));

    assertThat(environment.kilnHome()).isEqualTo(temp.resolve("user").resolve(".kiln"));
  }

  @Test
  void turnsOnDebugWithKilnDebug() {
    assertThat(new Environment(Map.of("KILN_DEBUG", "1"), temp).debug()).isTrue();
    assertThat(new Environment(Map.of("KILN_DEBUG", "0"), temp).debug()).isFalse();
    assertThat(new Environment(Map.of(), temp).debug()).isFalse();
  }
}
