package dev.kiln.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void alignsColumnsToTheWidestCellWithoutTrailingSpaces() {
    String text =
        Table.withHeaders("NAME", "DESCRIPTION", "CREATED")
            .row("demo", "A demo workspace", "2026-11-22T10:00:00Z")
            .row("a-much-longer-name", null, "2026-11-23T10:00:00Z")
            .render();

    assertThat(text)
        .isEqualTo(
            """
            NAME                 DESCRIPTION        CREATED
            demo                 A demo workspace   2026-11-22T10:00:00Z
            a-much-longer-name                      2026-11-23T10:00:00Z
            """);
  }

  @Test
  void printsOnlyTheHeaderLineForNoRows() {
    assertThat(Table.withHeaders("NAME", "CREATED").render()).isEqualTo("NAME   CREATED\n");
  }

  @Test
  void keepsEachRowOnOneLine() {
    String text = Table.withHeaders("A", "B").row("x\ny", "tab\there").render();

    assertThat(text.lines()).containsExactly("A     B", "x y   tab here");
  }

  @Test
  void cutsCellsLongerThanTheColumnLimit() {
    String text =
        Table.of(List.of(Column.field("NAME", "name"), Column.field("DESCRIPTION", "d", 10)))
            .row("demo", "0123456789abcdef")
            .render();

    assertThat(text.lines()).element(1).isEqualTo("demo   0123456...");
  }

  @Test
  void rendersKeyValueLinesWithOneSpaceAfterTheLongestKey() {
    String text = Table.keyValues().row("id:", "1").row("description:", "x").render();

    assertThat(text).isEqualTo("id:          1\ndescription: x\n");
  }

  @Test
  void rejectsRowsWithTheWrongNumberOfCells() {
    assertThatThrownBy(() -> Table.withHeaders("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
