package dev.kiln.cli.asset;

import dev.kiln.cli.Arguments;
import dev.kiln.cli.CliContext;
import dev.kiln.cli.LimitOption;
import dev.kiln.cli.http.Pages;
import dev.kiln.cli.output.Column;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One kind of versioned asset as its commands see it, and what {@code list}, {@code show}, {@code
 * archive} and {@code restore} do with it: the same for every kind, so that the picocli command
 * classes of each kind only declare their names and help texts.
 *
 * @param paths its API paths, e.g. {@link AssetPaths#DATA}
 * @param noun what messages call one, e.g. {@code data asset}
 * @param columns the table columns of {@code list}
 */
public record AssetKind(AssetPaths paths, String noun, List<Column> columns) {

  /** The name, stripped; a blank one is a usage error such as {@code the data asset name ...}. */
  public String requireName(CommandSpec spec, String name) {
    return Arguments.requireNonBlank(spec, name, noun + " name");
  }

  /** The version, stripped; a blank one is a usage error. */
  public String requireVersion(CommandSpec spec, String version) {
    return Arguments.requireNonBlank(spec, version, "version");
  }

  /**
   * {@code list [--name N] [--limit n]}: the latest version of each asset of the workspace, or
   * every version of asset {@code name} when it is given.
   *
   * @return the exit code
   */
  public int list(CommandSpec spec, String name, LimitOption limit) {
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    String path =
        name == null ? paths.list(workspace) : paths.versions(workspace, requireName(spec, name));
    context.printer().list(Pages.collect(context.api(), path, limit.value()), columns);
    return 0;
  }

  /**
   * {@code show <name> [--version V]}: prints one version as the server sends it.
   *
   * @return the exit code
   */
  public int show(CommandSpec spec, String name, String version) {
    return onVersion(spec, name, version, Action.SHOW);
  }

  /**
   * {@code archive <name> --version V}: hides a version from {@code list} and {@code latest}.
   *
   * @return the exit code
   */
  public int archive(CommandSpec spec, String name, String version) {
    return onVersion(spec, name, version, Action.ARCHIVE);
  }

  /**
   * {@code restore <name> --version V}: undoes {@code archive}.
   *
   * @return the exit code
   */
  public int restore(CommandSpec spec, String name, String version) {
    return onVersion(spec, name, version, Action.RESTORE);
  }

  private int onVersion(CommandSpec spec, String name, String version, Action action) {
    String asset = requireName(spec, name);
    String wanted = requireVersion(spec, version);
    CliContext context = CliContext.of(spec);
    String workspace = context.requireWorkspace(spec);
    context
        .printer()
        .object(
            switch (action) {
              case SHOW -> context.api().get(paths.version(workspace, asset, wanted));
              case ARCHIVE -> context.api().post(paths.archive(workspace, asset, wanted));
              case RESTORE -> context.api().post(paths.restore(workspace, asset, wanted));
            });
    return 0;
  }

  private enum Action {
    SHOW,
    ARCHIVE,
    RESTORE
  }
}
