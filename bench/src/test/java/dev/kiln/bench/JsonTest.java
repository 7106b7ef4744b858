package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

  private static String cursor(String json, String field) {
    return Json.topLevelString(json.getBytes(StandardCharsets.UTF_8), field);
  }

  @Test
  void findsTheCursorAfterOrBeforeTheItems() {
    assertThat(cursor("{\"items\":[{\"step\":1},{\"step\":2}],\"next\":\"abc\"}", "next"))
        .isEqualTo("abc");
    assertThat(cursor("{ \"next\" : \"abc\", \"items\": [] }", "next")).isEqualTo("abc");
  }

  @Test
  void ignoresNestedFieldsAndLookAlikeStrings() {
    assertThat(cursor("{\"items\":[{\"next\":\"inner\"}],\"x\":{\"next\":\"deep\"}}", "next"))
        .isNull();
    assertThat(cursor("{\"note\":\"next\",\"other\":\"\\\"next\\\"\"}", "next")).isNull();
  }

  @Test
  void decodesEscapesAndAnswersNullForOtherValues() {
    assertThat(cursor("{\"next_page_token\":\"a\\\"b\\u0041\"}", "next_page_token"))
        .isEqualTo("a\"bA");
    assertThat(cursor("{\"next\":null}", "next")).isNull();
    assertThat(cursor("{\"next\":3}", "next")).isNull();
    assertThat(cursor("{\"items\":[]}", "next")).isNull();
  }

  @Test
  void refusesAnUnterminatedString() {
    assertThatThrownBy(() -> cursor("{\"next\":\"abc", "next"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
