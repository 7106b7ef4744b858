package dev.kiln.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.e2e.cli.RunningPlatform.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code kiln snapshot create} against the standalone: ignore files, and nothing sent twice. */
class SnapshotCommandTest {

  static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path code;

  private static JsonNode create(String workspace, Path folder) {
    Run run =
        RunningPlatform.kiln(
            "-w", workspace, "-o", "json", "snapshot", "create", folder.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  @Test
  void uploadsOnlyWhatTheWorkspaceLacksAndLeavesOutIgnoredFiles() throws IOException {
    String workspace = "snap-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(RunningPlatform.kiln("workspace", "create", workspace).exitCode()).isZero();
    Files.writeString(code.resolve("train.py"), "print('train')\n");
    Files.writeString(code.resolve(".amlignore"), "data/\n*.log\n");
    Files.createDirectories(code.resolve("data"));
    Files.writeString(code.resolve("data/big.csv"), "1,2,3\n");
    Files.writeString(code.resolve("run.log"), "noise\n");

    JsonNode first = create(workspace, code);
    assertThat(first.get("files").asInt()).isEqualTo(2);
    assertThat(first.get("uploadedFiles").asInt()).isEqualTo(2);
    assertThat(first.get("ignored").asInt()).isEqualTo(2);

    JsonNode again = create(workspace, code);
    assertThat(again.get("id").asString()).isEqualTo(first.get("id").asString());
    assertThat(again.get("uploadedFiles").asInt()).isZero();

    Files.writeString(code.resolve("util.py"), "x = 1\n");
    JsonNode changed = create(workspace, code);
    assertThat(changed.get("id").asString()).isNotEqualTo(first.get("id").asString());
    assertThat(changed.get("uploadedFiles").asInt()).isEqualTo(1);
  }
}
