package dev.kiln.cli.snapshot;

import dev.kiln.cli.CliContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kiln snapshot create <folder>}: uploads the folder (minus what {@code .amlignore} or
 * {@code .gitignore} leave out) and prints the snapshot id, what was uploaded, and the git facts a
 * job would record.
 */
@Command(name = "create", description = "Upload a code folder as a snapshot and print its id.")
final class CreateSnapshotCommand implements Callable<Integer> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<folder>", description = "The code folder.")
  Path folder;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    SnapshotFolder scanned = SnapshotFolder.scan(folder);
    SnapshotUploader.Uploaded uploaded =
        new SnapshotUploader(context.api(), workspace).upload(scanned);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", uploaded.id());
    result.put("files", uploaded.fileCount());
    result.put("bytes", uploaded.totalBytes());
    result.put("uploadedFiles", uploaded.uploadedFiles());
    result.put("uploadedBytes", uploaded.uploadedBytes());
    result.put("ignored", scanned.ignored());
    result.put("git", GitFacts.of(scanned.root()).map(GitFacts::asProperties).orElse(Map.of()));
    context.printer().object(JSON.valueToTree(result));
    return 0;
  }
}
