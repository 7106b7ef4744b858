package dev.kiln.cli.token;

import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;

/**
 * Prints a token that was just created, secret included, with the warning that the secret is shown
 * only once. In table format the warning is the last line on stdout; in JSON or YAML stdout carries
 * only the document, so that scripts can parse it, and the warning goes to stderr.
 */
public final class NewToken {

  /** The warning printed after every new secret. */
  public static final String SHOWN_ONCE =
      "This token is shown only once: store it now, it cannot be retrieved later.";

  private NewToken() {}

  /** Prints {@code token} (the server's answer, with its {@code token} secret) and the warning. */
  public static void print(Printer printer, PrintWriter err, JsonNode token) {
    printer.object(token);
    warnShownOnce(printer, err);
  }

  /** Prints the shown-once warning: on stdout in table format, else on stderr. */
  public static void warnShownOnce(Printer printer, PrintWriter err) {
    if (printer.format() == OutputFormat.TABLE) {
      printer.message("");
      printer.message(SHOWN_ONCE);
    } else {
      err.println(SHOWN_ONCE);
      err.flush();
    }
  }
}
