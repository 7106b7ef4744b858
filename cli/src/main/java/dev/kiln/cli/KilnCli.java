package dev.kiln.cli;

import dev.kiln.cli.compute.ComputeCommand;
import dev.kiln.cli.config.ConfigCommand;
import dev.kiln.cli.config.Environment;
import dev.kiln.cli.data.DataCommand;
import dev.kiln.cli.datastore.DatastoreCommand;
import dev.kiln.cli.environment.EnvironmentCommand;
import dev.kiln.cli.error.ErrorHandler;
import dev.kiln.cli.job.JobCommand;
import dev.kiln.cli.metric.MetricCommand;
import dev.kiln.cli.snapshot.SnapshotCommand;
import dev.kiln.cli.token.TokenCommand;
import dev.kiln.cli.user.UserCommand;
import dev.kiln.cli.workspace.WorkspaceCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ScopeType;

/**
 * The {@code kiln} command: the platform's command-line client. {@link #main} runs it against the
 * real process; tests build one with their own environment, console and streams and call {@link
 * #execute}.
 */
@Command(
    name = "kiln",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = ClientVersion.class,
    description = "Command-line client of the Kiln machine-learning platform.",
    subcommands = {
      VersionCommand.class,
      ConfigCommand.class,
      WorkspaceCommand.class,
      DatastoreCommand.class,
      DataCommand.class,
      EnvironmentCommand.class,
      ComputeCommand.class,
      JobCommand.class,
      MetricCommand.class,
      SnapshotCommand.class,
      UserCommand.class,
      TokenCommand.class,
      HelpCommand.class
    })
public final class KilnCli extends GroupCommand {

  @Mixin GlobalOptions options = new GlobalOptions();

  private final Environment environment;
  private final Terminal terminal;
  private final PrintWriter out;
  private final PrintWriter err;
  private CliContext context;

  /** A CLI that reads {@code environment}, asks {@code terminal} and writes to out and err. */
  public KilnCli(Environment environment, Terminal terminal, PrintWriter out, PrintWriter err) {
    this.environment = environment;
    this.terminal = terminal;
    this.out = out;
    this.err = err;
  }

  /** Runs the CLI and exits the JVM with its exit code. */
  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int exitCode = new KilnCli(Environment.system(), Terminal.system(), out, err).execute(args);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }

  /**
   * Parses {@code args} and runs the command.
   *
   * @return the process exit code (see {@link dev.kiln.cli.error.ExitCode})
   */
  public int execute(String... args) {
    ErrorHandler errors = new ErrorHandler(err, () -> context().verbose());
    CommandLine commandLine =
        new CommandLine(this)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setOut(out)
            .setErr(err)
            .setParameterExceptionHandler(errors)
            .setExecutionExceptionHandler(errors);
    int exitCode = commandLine.execute(args);
    out.flush();
    err.flush();
    return exitCode;
  }

  CliContext context() {
    if (context == null) {
      context = new CliContext(environment, terminal, out, err, options);
    }
    return context;
  }
}
