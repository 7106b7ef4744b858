package dev.kiln.cli.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.output.Mappers;
import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** How a new token (with its secret) and a list of tokens (never with one) are printed. */
class TokenOutputTest {

  static final String SECRET = "kiln_pat_s3cr3t0123456789";

  static final JsonNode CREATED =
      Mappers.JSON.readTree(
          """
          {"id": "t1", "name": "cli", "token": "%s", "prefix": "kiln_pat_s3c",
           "createdAt": "2026-11-22T10:00:00Z", "expiresAt": null}
          """
              .formatted(SECRET));

  /** A listed token as a careless server might send it: with the secret. */
  static final JsonNode LISTED_WITH_SECRET =
      Mappers.JSON.readTree(
          """
          {"id": "t1", "name": "cli", "token": "%s", "prefix": "kiln_pat_s3c",
           "createdAt": "2026-11-22T10:00:00Z", "expiresAt": "2027-11-22T10:00:00Z",
           "revokedAt": null, "lastUsedAt": "2026-11-23T10:00:00Z"}
          """
              .formatted(SECRET));

  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  Printer printer(OutputFormat format) {
    return new Printer(format, new PrintWriter(out));
  }

  static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void printsTheNewSecretOnceFollowedByTheWarningLine() {
    NewToken.print(printer(OutputFormat.TABLE), new PrintWriter(err), CREATED);

    assertThat(occurrences(out.toString(), SECRET)).isOne();
    assertThat(out.toString()).contains("token:     " + SECRET + "\n");
    assertThat(out.toString().lines()).last().isEqualTo(NewToken.SHOWN_ONCE);
    assertThat(NewToken.SHOWN_ONCE).contains("shown only once");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsOnlyTheDocumentOnStdoutInJsonAndTheWarningOnStderr() {
    NewToken.print(printer(OutputFormat.JSON), new PrintWriter(err), CREATED);

    assertThat(Mappers.JSON.readTree(out.toString())).isEqualTo(CREATED);
    assertThat(occurrences(out.toString(), SECRET)).isOne();
    assertThat(err.toString().strip()).isEqualTo(NewToken.SHOWN_ONCE);
  }

  @Test
  void printsTheWarningOnStderrInYaml() {
    NewToken.print(printer(OutputFormat.YAML), new PrintWriter(err), CREATED);

    assertThat(out.toString()).contains("token: " + SECRET).doesNotContain("shown only once");
    assertThat(err.toString()).contains(NewToken.SHOWN_ONCE);
  }

  @Test
  void listsTokensInTheTableColumnsWithoutTheSecret() {
    Tokens.printList(printer(OutputFormat.TABLE), List.of(LISTED_WITH_SECRET));

    assertThat(out.toString().lines())
        .containsExactly(
            "ID   NAME   PREFIX         CREATED                EXPIRES                REVOKED"
                + "   LAST USED",
            "t1   cli    kiln_pat_s3c   2026-11-22T10:00:00Z   2027-11-22T10:00:00Z"
                + "             2026-11-23T10:00:00Z");
    assertThat(out.toString()).doesNotContain(SECRET);
  }

  @Test
  void neverPrintsATokenFieldInJsonOrYamlLists() {
    Tokens.printList(printer(OutputFormat.JSON), List.of(LISTED_WITH_SECRET));
    Tokens.printList(printer(OutputFormat.YAML), List.of(LISTED_WITH_SECRET));

    assertThat(out.toString())
        .doesNotContain(SECRET)
        .doesNotContain("\"token\"")
        .doesNotContain("token:")
        .contains("\"prefix\": \"kiln_pat_s3c\"");
    assertThat(LISTED_WITH_SECRET.has("token"))
        .as("the server's answer is left as it was")
        .isTrue();
  }
}
