package dev.kiln.cli;

import dev.kiln.cli.config.Environment;
import dev.kiln.cli.config.Settings;
import dev.kiln.cli.config.SettingsResolver;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.ApiClient;
import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What a command needs from one invocation: the resolved settings, the API client, the printer, the
 * console and the output streams. Commands find it with {@link #of(CommandSpec)}; settings and the
 * client are built on first use, so commands that need neither never read the config.
 */
public final class CliContext {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  static final String NO_WORKSPACE =
      "no workspace selected: pass -w <workspace> or run 'kiln config set workspace <name>'";

  private final Environment environment;
  private final Terminal terminal;
  private final PrintWriter out;
  private final PrintWriter err;
  private final GlobalOptions options;
  private Settings settings;
  private ApiClient api;

  CliContext(
      Environment environment,
      Terminal terminal,
      PrintWriter out,
      PrintWriter err,
      GlobalOptions options) {
    this.environment = environment;
    this.terminal = terminal;
    this.out = out;
    this.err = err;
    this.options = options;
  }

  /** The context of the invocation that {@code spec}'s command belongs to. */
  public static CliContext of(CommandSpec spec) {
    return ((KilnCli) spec.root().userObject()).context();
  }

  /** The effective settings: option, environment, config file, default. */
  public Settings settings() {
    if (settings == null) {
      settings = new SettingsResolver(environment).resolve(options.settings());
    }
    return settings;
  }

  /**
   * The workspace a workspace-scoped command works in: {@code -w/--workspace}, else {@code
   * KILN_WORKSPACE}, else the config file. When none is set it fails with a usage error (exit 2)
   * saying how to choose one.
   */
  public String requireWorkspace(CommandSpec spec) {
    Settings.Value workspace = settings().workspace();
    if (!workspace.isPresent()) {
      throw new ParameterException(spec.commandLine(), NO_WORKSPACE);
    }
    return workspace.value();
  }

  /** The client for the gateway that the settings name. */
  public ApiClient api() {
    if (api == null) {
      Settings.Value url = settings().url();
      checkUrl(url);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(CONNECT_TIMEOUT)
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      api =
          new ApiClient(
              url.value(),
              settings().token().value(),
              http,
              REQUEST_TIMEOUT,
              verbose() ? err : null);
    }
    return api;
  }

  /** A printer in the format chosen with {@code -o}. */
  public Printer printer() {
    return new Printer(options.output, out);
  }

  /**
   * Asks the user to confirm a destructive action. Without a console it refuses with a usage error
   * (exit 2), naming {@code --yes}.
   *
   * @return whether the user answered yes
   */
  public boolean confirm(CommandSpec spec, String question) {
    if (!terminal.interactive()) {
      throw new ParameterException(
          spec.commandLine(),
          "refusing to " + question + " without confirmation: no interactive console; pass --yes");
    }
    String answer = terminal.readLine("Really " + question + "? [y/N] ");
    return answer != null
        && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
  }

  /**
   * Deletes {@code path} once the user confirmed it (or passed {@code --yes}), naming the thing as
   * {@code what} (for example {@code workspace 'demo'}) in the question and the outcome.
   *
   * @return the exit code
   */
  public int deleteConfirmed(CommandSpec spec, boolean yes, String what, String path) {
    if (!yes && !confirm(spec, "delete " + what)) {
      err.println("kiln: not confirmed; " + what + " was not deleted");
      return ExitCode.UNEXPECTED.code();
    }
    api().delete(path);
    if (printer().format() == OutputFormat.TABLE) {
      printer().message("Deleted " + what + ".");
    }
    return 0;
  }

  /** The environment of this invocation. */
  public Environment environment() {
    return environment;
  }

  /** Standard output. */
  public PrintWriter out() {
    return out;
  }

  /** Standard error. */
  public PrintWriter err() {
    return err;
  }

  /** Whether {@code --verbose} or {@code KILN_DEBUG=1} asked for details. */
  public boolean verbose() {
    return options.verbose || environment.debug();
  }

  private static void checkUrl(Settings.Value url) {
    URI uri;
    try {
      uri = URI.create(url.value());
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    boolean http =
        uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    if (!http || uri.getHost() == null) {
      throw new CliException(
          ExitCode.USAGE,
          "invalid gateway URL '"
              + url.value()
              + "' from "
              + url.source()
              + ": expected http(s)://host:port");
    }
  }
}
