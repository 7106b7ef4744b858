package dev.kiln.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class PrinterTest {

  static final List<Column> COLUMNS =
      List.of(
          Column.field("NAME", "name"),
          Column.field("DESCRIPTION", "description"),
          Column.field("CREATED", "createdAt"));

  static final JsonNode DEMO =
      Mappers.JSON.readTree(
          """
          {"id": "w1", "name": "demo", "description": "A demo",
           "createdAt": "2026-11-22T10:00:00Z", "tags": {"team": "ml"}}
          """);

  static final JsonNode BARE =
      Mappers.JSON.readTree(
          """
          {"id": "w2", "name": "bare", "description": null, "createdAt": "2026-11-23T10:00:00Z"}
          """);

  StringWriter out = new StringWriter();

  Printer printer(OutputFormat format) {
    return new Printer(format, new PrintWriter(out));
  }

  @Test
  void printsListAsTableWithTheChosenColumns() {
    printer(OutputFormat.TABLE).list(List.of(DEMO, BARE), COLUMNS);

    assertThat(out.toString())
        .isEqualTo(
            """
            NAME   DESCRIPTION   CREATED
            demo   A demo        2026-11-22T10:00:00Z
            bare                 2026-11-23T10:00:00Z
            """);
  }

  @Test
  void printsListAsPrettyJsonArray() {
    printer(OutputFormat.JSON).list(List.of(BARE), COLUMNS);

    assertThat(out.toString())
        .isEqualTo(
            """
            [
              {
                "id": "w2",
                "name": "bare",
                "description": null,
                "createdAt": "2026-11-23T10:00:00Z"
              }
            ]
            """);
  }

  @Test
  void printsEmptyListAsEmptyJsonArray() {
    printer(OutputFormat.JSON).list(List.of(), COLUMNS);

    assertThat(out.toString()).isEqualTo("[]\n");
  }

  @Test
  void printsObjectAsYaml() {
    printer(OutputFormat.YAML).object(DEMO);

    assertThat(out.toString())
        .isEqualTo(
            """
            id: w1
            name: demo
            description: A demo
            createdAt: 2026-11-22T10:00:00Z
            tags:
              team: ml
            """);
  }

  @Test
  void printsObjectAsKeyValueLinesInServerOrder() {
    printer(OutputFormat.TABLE).object(DEMO);

    assertThat(out.toString())
        .isEqualTo(
            """
            id:          w1
            name:        demo
            description: A demo
            createdAt:   2026-11-22T10:00:00Z
            tags:        {"team":"ml"}
            """);
  }

  @Test
  void printsObjectAsThePrettyServerJson() {
    printer(OutputFormat.JSON).object(BARE);

    assertThat(Mappers.JSON.readTree(out.toString())).isEqualTo(BARE);
    assertThat(out.toString()).startsWith("{\n  \"id\": \"w2\",\n");
  }

  static final JsonNode WITH_SECRETS =
      Mappers.JSON.readTree(
          """
          {"name": "n", "token": "kiln_pat_x", "secret": "s1",
           "nested": {"secret": "s2", "keep": "k"}, "items": [{"secret": "s3"}, "secret"]}
          """);

  @Test
  void showsEveryFieldByDefault() {
    printer(OutputFormat.JSON).object(WITH_SECRETS);

    assertThat(Mappers.JSON.readTree(out.toString())).isEqualTo(WITH_SECRETS);
  }

  @Test
  void leavesHiddenFieldsOutAtAnyDepthWithoutChangingTheResource() {
    printer(OutputFormat.JSON).hiding("secret"::equals).object(WITH_SECRETS);

    assertThat(Mappers.JSON.readTree(out.toString()))
        .isEqualTo(
            Mappers.JSON.readTree(
                """
                {"name": "n", "token": "kiln_pat_x", "nested": {"keep": "k"},
                 "items": [{}, "secret"]}
                """));
    assertThat(WITH_SECRETS.has("secret")).isTrue();
  }

  @Test
  void leavesHiddenFieldsOutOfTableCells() {
    printer(OutputFormat.TABLE)
        .hiding("secret"::equals)
        .hiding("token"::equals)
        .list(
            List.of(WITH_SECRETS),
            List.of(
                Column.field("NAME", "name"),
                Column.field("TOKEN", "token"),
                Column.field("SECRET", "secret")));

    assertThat(out.toString()).isEqualTo("NAME   TOKEN   SECRET\nn\n");
  }
}
