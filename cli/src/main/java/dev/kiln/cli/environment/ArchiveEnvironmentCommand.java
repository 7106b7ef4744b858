package dev.kiln.cli.environment;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.HelpOption;
import dev.kiln.cli.asset.AssetPaths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kiln environment archive <name> --version V}: hides a version from {@code list} and {@code
 * latest}; jobs that name it by version still find it.
 */
@Command(
    name = "archive",
    mixinStandardHelpOptions = false,
    description = "Archive one version of an environment: 'list' and 'latest' no longer show it.")
final class ArchiveEnvironmentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Parameters(index = "0", paramLabel = "<name>", description = "Name of the environment.")
  String name;

  @Option(
      names = "--version",
      paramLabel = "<version>",
      required = true,
      description = "The version to archive.")
  String version;

  @Override
  public Integer call() {
    String environment = Environments.requireName(spec, name);
    String wanted = Environments.requireVersion(spec, version);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context
        .printer()
        .object(
            context.api().post(AssetPaths.ENVIRONMENTS.archive(workspace, environment, wanted)));
    return 0;
  }
}
