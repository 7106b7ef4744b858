package dev.kiln.cli.job;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.data.DownloadTarget;
import dev.kiln.cli.data.Sizes;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.Mappers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kiln job download <name> [--path PREFIX] [--download-path DIR]}: the job's artifacts (or
 * those below PREFIX) into DIR, keeping their paths relative to the job's artifact root. Every path
 * the server sends is checked before anything is written: one that would leave DIR is refused.
 */
@Command(
    name = "download",
    description = {
      "Download the artifacts of a job into a local folder, keeping their paths.",
      "Files already in the folder are replaced. Paths that would lead outside the folder are"
          + " refused before anything is written."
    })
final class DownloadJobCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the job.")
  String name;

  @Option(
      names = "--path",
      paramLabel = "<prefix>",
      description = "Only the artifacts below this folder (or this one file), e.g. outputs/model.")
  String path;

  @Option(
      names = "--download-path",
      paramLabel = "<dir>",
      description = "The folder to write to (default: ./<name>).")
  Path downloadPath;

  /**
   * One file to fetch.
   *
   * @param artifact its path relative to the job's artifact root
   * @param size its size in bytes, or -1 when unknown
   * @param target where it is written
   */
  record Planned(String artifact, long size, Path target) {}

  @Override
  public Integer call() {
    String job = Jobs.requireName(spec, name);
    String prefix = prefix();
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    Path dir = downloadPath != null ? downloadPath : Path.of(job);
    ApiClient api = context.api();
    List<ArtifactListing.ArtifactFile> files =
        new ArtifactListing(api, workspace, job).files(prefix);
    if (files.isEmpty() && !prefix.isEmpty()) {
      throw new CliException(
          ExitCode.NOT_FOUND, "job '" + job + "' has no artifacts at or below '" + prefix + "'");
    }
    // Every path is checked before the first byte is written.
    List<Planned> plan = new ArrayList<>();
    for (ArtifactListing.ArtifactFile file : files) {
      plan.add(new Planned(file.path(), file.size(), DownloadTarget.resolve(dir, file.path())));
    }
    long bytes = 0;
    if (plan.isEmpty()) {
      context.err().println("Job '" + job + "' has no artifacts; nothing was downloaded.");
      context.err().flush();
    } else {
      bytes = download(api, workspace, job, plan, dir, context.err());
    }
    ObjectNode summary = Mappers.JSON.createObjectNode();
    summary.put("name", job);
    summary.put("path", prefix);
    summary.put("directory", dir.toString());
    summary.put("files", plan.size());
    summary.put("bytes", bytes);
    context.printer().object(summary);
    return 0;
  }

  /**
   * {@code --path} without leading or trailing {@code /}, empty for every artifact; one that is not
   * a plain relative path (a {@code .} or {@code ..} segment, a backslash, a control character) is
   * a usage error.
   */
  private String prefix() {
    if (path == null) {
      return "";
    }
    String prefix = path.strip();
    while (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    while (prefix.startsWith("/")) {
      prefix = prefix.substring(1);
    }
    boolean plain =
        prefix.indexOf('\\') < 0
            && prefix.chars().noneMatch(Character::isISOControl)
            && (prefix.isEmpty()
                || Arrays.stream(prefix.split("/", -1))
                    .noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals("..")));
    if (!plain) {
      throw new ParameterException(
          spec.commandLine(),
          "--path must be a relative artifact path without '.' or '..' segments, backslashes or"
              + " control characters, was '"
              + path.replaceAll("\\p{Cntrl}", "?")
              + "'");
    }
    return prefix;
  }

  private static long download(
      ApiClient api,
      String workspace,
      String job,
      List<Planned> plan,
      Path dir,
      PrintWriter progress) {
    long known = plan.stream().mapToLong(Planned::size).filter(size -> size >= 0).sum();
    progress.println(
        "downloading "
            + Sizes.files(plan.size())
            + (known > 0 ? ", " + Sizes.human(known) : "")
            + " to "
            + dir);
    long bytes = 0;
    int done = 0;
    for (Planned file : plan) {
      done++;
      progress.println(
          "  ["
              + done
              + "/"
              + plan.size()
              + "] "
              + file.artifact()
              + (file.size() >= 0 ? " (" + Sizes.human(file.size()) + ")" : ""));
      progress.flush();
      DownloadTarget.prepare(dir, file.target());
      bytes +=
          api.download(Jobs.artifactPath(workspace, job, file.artifact()), file.target()).size();
    }
    return bytes;
  }
}
