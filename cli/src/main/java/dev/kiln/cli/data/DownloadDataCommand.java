package dev.kiln.cli.data;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.asset.AssetPaths;
import dev.kiln.cli.asset.AssetVersionCommand;
import dev.kiln.cli.asset.LatestVersionOption;
import dev.kiln.cli.output.Mappers;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kiln data download <name> [--version V] [--out DIR]}: fetches a data asset's files into a
 * local folder, keeping their relative paths.
 */
@Command(
    name = "download",
    mixinStandardHelpOptions = false,
    description = {
      "Download the files of a data asset into a local folder, keeping their relative paths.",
      "Works for data in the workspaceblobstore and at https:// URLs; files already in the"
          + " folder are replaced. Paths that would lead outside the folder are refused."
    })
final class DownloadDataCommand extends AssetVersionCommand {

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the data asset.")
  String name;

  @Mixin LatestVersionOption version;

  @Option(
      names = "--out",
      paramLabel = "<dir>",
      description = "The folder to write to (default: ./<name>).")
  Path out;

  @Override
  public Integer call() {
    String asset = DataAssets.ASSET.requireName(spec, name);
    String wanted = DataAssets.ASSET.requireVersion(spec, version.value());
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    Path dir = out != null ? out : Path.of(asset);
    JsonNode data = context.api().get(AssetPaths.DATA.version(workspace, asset, wanted));
    DataLocation location = DataLocation.parse(data.path("path").asString(""));
    boolean folder = !UploadPlan.URI_FILE.equals(data.path("type").asString(""));
    Downloader downloader = new Downloader(context.api(), workspace, context.err());
    List<DownloadFile> files = downloader.plan(location, folder, dir);
    long bytes = downloader.download(files, dir);
    ObjectNode summary = Mappers.JSON.createObjectNode();
    summary.put("name", data.path("name").asString(asset));
    summary.put("version", data.path("version").asString(wanted));
    summary.put("path", data.path("path").asString(""));
    summary.put("directory", dir.toString());
    summary.put("files", files.size());
    summary.put("bytes", bytes);
    context.printer().object(summary);
    return 0;
  }
}
