package dev.kiln.cli.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.output.Mappers;
import dev.kiln.cli.output.OutputFormat;
import dev.kiln.cli.output.Printer;
import dev.kiln.cli.token.NewToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** How the answer of {@code kiln user create} is printed: the user, its token once, a warning. */
class CreatedUserOutputTest {

  static final String SECRET = "kiln_pat_alice0123456789";

  static final JsonNode CREATED =
      Mappers.JSON.readTree(
          """
          {"id": "u1", "name": "alice", "displayName": "Alice", "admin": false,
           "createdAt": "2026-11-22T10:00:00Z",
           "token": {"id": "t1", "name": "default", "token": "%s", "prefix": "kiln_pat_ali",
                     "createdAt": "2026-11-22T10:00:00Z", "expiresAt": null}}
          """
              .formatted(SECRET));

  StringWriter out = new StringWriter();
  StringWriter err = new StringWriter();

  void print(OutputFormat format) {
    Users.printCreated(new Printer(format, new PrintWriter(out)), new PrintWriter(err), CREATED);
  }

  static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void printsTheUserThenItsTokenOnceThenTheWarning() {
    print(OutputFormat.TABLE);

    assertThat(out.toString())
        .isEqualTo(
            """
            id:          u1
            name:        alice
            displayName: Alice
            admin:       false
            createdAt:   2026-11-22T10:00:00Z

            Token:
            id:        t1
            name:      default
            token:     %s
            prefix:    kiln_pat_ali
            createdAt: 2026-11-22T10:00:00Z
            expiresAt:

            %s
            """
                .formatted(SECRET, NewToken.SHOWN_ONCE));
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void printsTheWholeAnswerInJsonWithTheSecretOnceAndTheWarningOnStderr() {
    print(OutputFormat.JSON);

    assertThat(Mappers.JSON.readTree(out.toString())).isEqualTo(CREATED);
    assertThat(occurrences(out.toString(), SECRET)).isOne();
    assertThat(err.toString().strip()).isEqualTo(NewToken.SHOWN_ONCE);
  }

  @Test
  void printsTheWholeAnswerInYaml() {
    print(OutputFormat.YAML);

    assertThat(Mappers.YAML.readTree(out.toString())).isEqualTo(CREATED);
    assertThat(err.toString()).contains(NewToken.SHOWN_ONCE);
  }

  @Test
  void printsNoWarningWhenTheAnswerHasNoToken() {
    JsonNode withoutToken = Mappers.JSON.readTree("{\"id\": \"u2\", \"name\": \"bob\"}");

    Users.printCreated(
        new Printer(OutputFormat.TABLE, new PrintWriter(out)), new PrintWriter(err), withoutToken);

    assertThat(out.toString()).isEqualTo("id:   u2\nname: bob\n");
  }
}
