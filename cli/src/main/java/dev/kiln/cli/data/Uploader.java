package dev.kiln.cli.data;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.ApiClient;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Uploads an {@link UploadPlan} to the workspaceblobstore, one {@code PUT} per file, streamed from
 * disk, with progress lines on stderr. Files already there with the same SHA-256 are not sent
 * again. Each answer's SHA-256 must match the plan's: a file that changed since it was hashed fails
 * the command.
 */
public final class Uploader {

  private final ApiClient api;
  private final String workspace;
  private final PrintWriter progress;

  public Uploader(ApiClient api, String workspace, PrintWriter progress) {
    this.api = api;
    this.workspace = workspace;
    this.progress = progress;
  }

  /** Uploads what the plan holds and is not there yet. */
  public void upload(UploadPlan plan) {
    Map<String, String> present = present(plan.prefix() + "/");
    List<UploadFile> missing =
        plan.files().stream()
            .filter(file -> !file.sha256().equals(present.get(file.remotePath(plan.prefix()))))
            .toList();
    say(summary(plan, missing));
    int done = 0;
    for (UploadFile file : missing) {
      done++;
      say(
          "  ["
              + done
              + "/"
              + missing.size()
              + "] "
              + file.relativePath()
              + " ("
              + Sizes.human(file.size())
              + ")");
      String remote = file.remotePath(plan.prefix());
      JsonNode saved = api.upload(BlobFiles.file(workspace, remote), file.source());
      String sha256 = saved.path("sha256").asString("");
      if (!sha256.isEmpty() && !sha256.equals(file.sha256())) {
        throw new CliException(
            ExitCode.UNEXPECTED,
            "'"
                + file.source()
                + "' changed while it was being uploaded (its SHA-256 differs); run the command"
                + " again");
      }
    }
  }

  private Map<String, String> present(String folder) {
    Map<String, String> present = new HashMap<>();
    for (JsonNode file : BlobFiles.list(api, workspace, folder)) {
      present.put(file.path("path").asString(""), file.path("sha256").asString(""));
    }
    return present;
  }

  private static String summary(UploadPlan plan, List<UploadFile> missing) {
    String where = " to " + DataAssets.BLOB_STORE + "/" + plan.prefix();
    String skipped =
        plan.skippedLinks() == 0
            ? ""
            : "; skipped " + plan.skippedLinks() + " symbolic link(s) and special file(s)";
    int there = plan.files().size() - missing.size();
    if (missing.isEmpty()) {
      return "all "
          + Sizes.files(there)
          + " ("
          + Sizes.human(plan.totalBytes())
          + ") already uploaded"
          + where
          + skipped;
    }
    long bytes = missing.stream().mapToLong(UploadFile::size).sum();
    return "uploading "
        + Sizes.files(missing.size())
        + ", "
        + Sizes.human(bytes)
        + where
        + (there == 0 ? "" : " (" + there + " already there)")
        + skipped;
  }

  private void say(String line) {
    progress.println(line);
    progress.flush();
  }
}
