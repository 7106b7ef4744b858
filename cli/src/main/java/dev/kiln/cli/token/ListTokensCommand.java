package dev.kiln.cli.token;

import dev.kiln.cli.CliContext;
import dev.kiln.cli.http.Pages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kiln token list}: the caller's tokens, all pages; never a secret. */
@Command(name = "list", description = "List your access tokens (never their secrets).")
final class ListTokensCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    Tokens.printList(context.printer(), Pages.collect(context.api(), Tokens.COLLECTION, null));
    return 0;
  }
}
