package dev.kiln.cli.asset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.output.Mappers;
import dev.kiln.cli.spec.Assignment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Names, versions and folders of asset specs. */
class AssetSpecTest {

  static final Path FILE = Path.of("/specs/team/data.yml");

  static ObjectNode yaml(String text) {
    return (ObjectNode) Mappers.YAML.readTree(text);
  }

  static AssetSpec of(String yaml, String name, String version, String... overrides) {
    return AssetSpec.of(
        "data asset",
        yaml(yaml),
        FILE,
        name,
        version,
        List.of(overrides).stream().map(Assignment::parse).toList());
  }

  @Test
  void takesNameAndVersionFromTheSpec() {
    AssetSpec spec = of("name: wine\nversion: 3\n", null, null);

    assertThat(spec.name()).isEqualTo("wine");
    assertThat(spec.version()).isEqualTo("3");
    assertThat(spec.body().get("version").isString()).isTrue();
  }

  @Test
  void prefersTheOptionsAndWritesThemIntoTheBody() {
    AssetSpec spec = of("name: wine\nversion: 3\n", " red ", " 4 ");

    assertThat(spec.name()).isEqualTo("red");
    assertThat(spec.version()).isEqualTo("4");
    assertThat(spec.body().get("name").asString()).isEqualTo("red");
    assertThat(spec.body().get("version").asString()).isEqualTo("4");
  }

  @Test
  void hasNoVersionWhenNeitherGivesOne() {
    AssetSpec spec = of("name: wine\nversion: \"\"\n", null, null);

    assertThat(spec.version()).isNull();
    assertThat(spec.body().has("version")).isFalse();
  }

  @Test
  void appliesOverridesBeforeChoosingTheName() {
    assertThat(of("name: wine\n", null, null, "name=white").name()).isEqualTo("white");
  }

  @Test
  void refusesVersionsThatYamlReadAsFractions() {
    assertThatThrownBy(() -> of("name: wine\nversion: 1.10\n", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'version' in '" + FILE + "' is the number 1.1")
        .hasMessageContaining("version: \"1.1\"");
  }

  @Test
  void refusesAMissingNameAndBlankOptions() {
    assertThatThrownBy(() -> of("path: x\n", null, null))
        .hasMessage(
            "the data asset has no name: add 'name: <name>' to '"
                + FILE
                + "' or pass --name <name>");
    assertThatThrownBy(() -> of("name: x\n", " ", null)).hasMessage("--name must not be empty");
    assertThatThrownBy(() -> of("name: x\n", null, "")).hasMessage("--version must not be empty");
    assertThatThrownBy(() -> of("name: [a]\n", null, null))
        .hasMessageContaining("must be text, not a list");
  }

  @Test
  void resolvesRelativePathsAgainstTheSpecFilesFolder() {
    AssetSpec spec = of("name: x\n", null, null);

    assertThat(spec.folder()).isEqualTo(Path.of("/specs/team"));
    assertThat(spec.resolve("data/a.csv")).isEqualTo(Path.of("/specs/team/data/a.csv"));
    assertThat(spec.resolve("../shared/b.csv")).isEqualTo(Path.of("/specs/shared/b.csv"));
    assertThat(spec.resolve("/abs/c.csv")).isEqualTo(Path.of("/abs/c.csv"));
  }

  @Test
  void resolvesARelativeSpecFileFromTheWorkingFolder() {
    AssetSpec spec =
        AssetSpec.of("data asset", yaml("name: x\n"), Path.of("data.yml"), null, null, List.of());

    assertThat(spec.folder()).isEqualTo(Path.of("").toAbsolutePath());
  }

  @Test
  void buildsTheApiPaths() {
    assertThat(AssetPaths.DATA.version("my ws", "a/b", "1"))
        .isEqualTo("/api/v1/workspaces/my%20ws/data/a%2Fb/versions/1");
    assertThat(AssetPaths.ENVIRONMENTS.archive("w", "e", "2"))
        .isEqualTo("/api/v1/workspaces/w/environments/e/versions/2/archive");
    assertThat(AssetPaths.DATA.restore("w", "d", "latest"))
        .isEqualTo("/api/v1/workspaces/w/data/d/versions/latest/restore");
  }
}
