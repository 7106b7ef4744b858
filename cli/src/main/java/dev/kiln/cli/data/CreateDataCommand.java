package dev.kiln.cli.data;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.HelpOption;
import dev.kiln.cli.asset.AssetPaths;
import dev.kiln.cli.asset.AssetSpec;
import dev.kiln.cli.asset.AssetSpecOptions;
import dev.kiln.cli.asset.SpecText;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kiln data create -f <file> [--name N] [--version V] [--set key=value ...]}: registers a
 * data asset, first uploading its {@code path} to the workspaceblobstore when it is local.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = false,
    description = {
      "Register a version of a data asset in the workspace from a YAML or JSON spec.",
      "A local 'path' (a file or a folder, relative to the spec file's folder) is uploaded to the"
          + " workspaceblobstore first, under LocalUpload/<content hash>/, and registered there;"
          + " symbolic links inside a folder are skipped. 'type' then defaults to uri_file for a"
          + " file and uri_folder for a folder.",
      "Paths in a datastore and https:// URLs are registered as they are.",
      "Without a version (--version or the spec's 'version') the server picks the next one."
    },
    footer = {
      "",
      "Example spec (wine.yml):",
      "  name: wine",
      "  description: Wine quality table",
      "  path: ./data/wine.csv",
      "",
      "  kiln -w demo data create -f wine.yml --version 1"
    })
final class CreateDataCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin AssetSpecOptions options;

  @Mixin HelpOption help;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    AssetSpec asset = options.read(DataAssets.KIND);
    Optional<UploadPlan> plan = plan(asset);
    if (plan.isPresent()) {
      new Uploader(context.api(), workspace, context.err()).upload(plan.get());
    }
    context.printer().object(AssetPaths.DATA.register(context.api(), workspace, asset));
    return 0;
  }

  /**
   * The upload that {@code asset}'s local path needs, with the asset's {@code path} and {@code
   * type} changed to what will be registered; empty when the path is a reference for the server.
   */
  Optional<UploadPlan> plan(AssetSpec asset) {
    try {
      String path = SpecText.scalar(asset.body(), "path", asset.source());
      if (path == null) {
        throw new IllegalArgumentException(
            "the data asset has no path: add 'path: <local file or folder>' (or an"
                + " azureml://datastores/<datastore>/paths/<path> or https:// URL) to "
                + asset.source());
      }
      Optional<Path> local = LocalPath.of(path, asset);
      if (local.isEmpty()) {
        return Optional.empty();
      }
      UploadPlan plan = UploadPlan.of(local.get());
      String type = plan.typeFor(SpecText.scalar(asset.body(), "type", asset.source()));
      asset.body().put("type", type);
      asset.body().put("path", DataAssets.blobStorePath(plan.remotePath()));
      return Optional.of(plan);
    } catch (IllegalArgumentException e) {
      throw options.usage(e.getMessage());
    }
  }
}
