package dev.kiln.cli.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.cli.output.Mappers;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

class AssignmentTest {

  static ObjectNode spec(String json) {
    return (ObjectNode) Mappers.JSON.readTree(json);
  }

  static ObjectNode applied(String json, String assignment) {
    ObjectNode spec = spec(json);
    Assignment.parse(assignment).applyTo(spec);
    return spec;
  }

  @Test
  void splitsAtTheFirstEqualsSignAndDots() {
    assertThat(Assignment.parse("credentials.secret_access_key=a=b/c+d"))
        .isEqualTo(new Assignment(List.of("credentials", "secret_access_key"), "a=b/c+d"));
  }

  @Test
  void replacesATopLevelValueWithAString() {
    assertThat(applied("{\"bucket\": \"a\", \"port\": 1}", "port=2"))
        .isEqualTo(spec("{\"bucket\": \"a\", \"port\": \"2\"}"));
  }

  @Test
  void addsAMissingTopLevelKey() {
    assertThat(applied("{\"name\": \"a\"}", "prefix="))
        .isEqualTo(spec("{\"name\": \"a\", \"prefix\": \"\"}"));
  }

  @Test
  void setsANestedKeyKeepingItsSiblings() {
    assertThat(
            applied(
                "{\"credentials\": {\"access_key_id\": \"id\", \"secret_access_key\": \"old\"}}",
                "credentials.secret_access_key=new"))
        .isEqualTo(
            spec("{\"credentials\": {\"access_key_id\": \"id\", \"secret_access_key\": \"new\"}}"));
  }

  @Test
  void createsMissingOrEmptyMappingsOnTheWay() {
    assertThat(applied("{\"credentials\": null}", "credentials.access_key_id=id"))
        .isEqualTo(spec("{\"credentials\": {\"access_key_id\": \"id\"}}"));
    assertThat(applied("{}", "a.b.c=x")).isEqualTo(spec("{\"a\": {\"b\": {\"c\": \"x\"}}}"));
  }

  @Test
  void refusesToReplaceAMappingWithAString() {
    assertThatThrownBy(() -> applied("{\"credentials\": {\"a\": \"b\"}}", "credentials=x"))
        .hasMessage(
            "--set credentials: 'credentials' is a mapping; set its keys instead,"
                + " e.g. --set credentials.<key>=<value>");
  }

  @Test
  void refusesToGoThroughAValueThatIsNotAMapping() {
    assertThatThrownBy(() -> applied("{\"bucket\": \"b\"}", "bucket.name=x"))
        .hasMessage("--set bucket.name: 'bucket' is not a mapping");
  }

  @Test
  void neverShowsTheValueInMessagesOrItsText() {
    assertThatThrownBy(() -> Assignment.parse("s3cr3t"))
        .hasMessageNotContaining("s3cr3t")
        .hasMessageContaining("key=value");
    assertThat(Assignment.parse("credentials.secret_access_key=s3cr3t").toString())
        .doesNotContain("s3cr3t")
        .contains("credentials.secret_access_key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=x", " =x", "a..b=x", ".a=x", "a.=x"})
  void rejectsKeysWithAnEmptyPart(String text) {
    assertThatThrownBy(() -> Assignment.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
