package dev.kiln.cli.job;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.snapshot.GitFacts;
import dev.kiln.cli.snapshot.SnapshotFolder;
import dev.kiln.cli.snapshot.SnapshotUploader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A job's local code folder ({@code code: ./src}), uploaded as a snapshot as {@code kiln snapshot
 * create} uploads it (the ignore files apply; only blobs the workspace lacks are sent). The spec
 * then names the snapshot ({@code snapshot_id}) instead of the folder, and records the folder's git
 * facts in {@code properties}, where the spec's own properties win.
 */
final class JobCode {

  static final String CODE = "code";
  static final String SNAPSHOT_ID = "snapshot_id";
  static final String PROPERTIES = "properties";

  private final JobSpec spec;
  private final String written;
  private final SnapshotFolder folder;

  private JobCode(JobSpec spec, String written, SnapshotFolder folder) {
    this.spec = spec;
    this.written = written;
    this.folder = folder;
  }

  /**
   * The local code folder of {@code spec}, scanned and hashed; empty when the spec names no code or
   * names a snapshot or other reference that the server resolves.
   *
   * @throws CliException (exit 2) when the folder does not exist or is a file, when {@code code} is
   *     not text, or when the spec also names a {@code snapshot_id}
   */
  static Optional<JobCode> find(JobSpec spec) {
    JsonNode code = spec.body().get(CODE);
    if (code == null || code.isNull()) {
      return Optional.empty();
    }
    String where = "'" + CODE + "' in " + spec.source();
    if (!code.isString() || code.asString().isBlank()) {
      throw usage(where + " must be the path of a local folder or azureml:snapshots/<snapshot id>");
    }
    String written = code.asString().strip();
    Optional<Path> local = LocalReference.of(written, CODE, spec);
    if (local.isEmpty()) {
      return Optional.empty();
    }
    if (spec.body().hasNonNull(SNAPSHOT_ID)) {
      throw usage(
          where + " and '" + SNAPSHOT_ID + "' both name the job's code: keep only one of them");
    }
    if (!Files.isDirectory(local.get())) {
      throw usage(
          where
              + " names '"
              + written
              + "', which is a file: code must be a folder, the job's working folder");
    }
    return Optional.of(new JobCode(spec, written, SnapshotFolder.scan(local.get())));
  }

  /**
   * Uploads the folder as a snapshot, then makes the spec name it and carry the git facts.
   *
   * @param progress where to say what was uploaded
   * @return the snapshot's id
   */
  String upload(ApiClient api, String workspace, PrintWriter progress) {
    SnapshotUploader.Uploaded uploaded = new SnapshotUploader(api, workspace).upload(folder);
    ObjectNode body = spec.body();
    body.remove(CODE);
    body.put(SNAPSHOT_ID, uploaded.id());
    GitFacts.of(folder.root()).ifPresent(git -> recordGit(body, git.asProperties()));
    progress.println(
        "Uploaded code '"
            + written
            + "' as snapshot "
            + uploaded.id()
            + " ("
            + uploaded.fileCount()
            + " files; "
            + uploaded.uploadedFiles()
            + " sent, the others were already there)");
    progress.flush();
    return uploaded.id();
  }

  /**
   * Adds the git facts to the spec's properties, keeping every property the spec sets itself. A
   * {@code properties} that is not a mapping is left for the server to refuse.
   */
  private static void recordGit(ObjectNode body, Map<String, String> git) {
    JsonNode own = body.get(PROPERTIES);
    if (own != null && !own.isNull() && !own.isObject()) {
      return;
    }
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    git.forEach(merged::put);
    if (own != null && own.isObject()) {
      merged.setAll((ObjectNode) own);
    }
    body.set(PROPERTIES, merged);
  }

  private static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }
}
