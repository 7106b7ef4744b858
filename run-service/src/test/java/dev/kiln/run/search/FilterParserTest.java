package dev.kiln.run.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.common.error.InvalidRequestException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

  private static Clause only(String filter) {
    List<Clause> clauses = FilterParser.parseFilter(filter);
    assertThat(clauses).hasSize(1);
    return clauses.get(0);
  }

  private static void assertInvalid(String filter, String where, String message) {
    assertThatThrownBy(() -> FilterParser.parseFilter(filter))
        .as(filter)
        .isInstanceOfSatisfying(
            InvalidRequestException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_filter");
              assertThat(e.getMessage()).contains(where).contains(message);
            });
  }

  @Test
  void matchesEverythingWithoutAFilter() {
    assertThat(FilterParser.parseFilter(null)).isEmpty();
    assertThat(FilterParser.parseFilter("  ")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "metrics.rmse = 1|EQ|1.0",
        "metrics.rmse != 1|NE|1.0",
        "metrics.rmse < -0.5|LT|-0.5",
        "metrics.rmse <= .5|LE|0.5",
        "metrics.rmse > 1e-3|GT|0.001",
        "metrics.rmse >= +2.5E2|GE|250.0",
        "metrics.rmse<1|LT|1.0",
        "metric.rmse=1|EQ|1.0"
      })
  void readsNumericComparisonsOfMetrics(String filter, Operator operator, double value) {
    Clause clause = only(filter);
    assertThat(clause.field()).isEqualTo(Field.of(EntityType.METRIC, "rmse"));
    assertThat(clause.operator()).isEqualTo(operator);
    assertThat(clause.number()).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "metrics.x = 1|METRIC",
        "metric.x = 1|METRIC",
        "params.x = 'a'|PARAM",
        "param.x = 'a'|PARAM",
        "parameter.x = 'a'|PARAM",
        "parameters.x = 'a'|PARAM",
        "PARAMS.x = 'a'|PARAM",
        "tags.x = 'a'|TAG",
        "tag.x = 'a'|TAG"
      })
  void acceptsEveryAliasOfAnEntity(String filter, EntityType type) {
    assertThat(only(filter).field().type()).isEqualTo(type);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "attributes.status = 'FAILED'",
        "attribute.status = 'FAILED'",
        "attr.status = 'FAILED'",
        "run.status = 'FAILED'",
        "status = 'FAILED'"
      })
  void acceptsEveryAliasOfAttributesAndABareAttribute(String filter) {
    assertThat(only(filter).field()).isEqualTo(Field.of(Attribute.STATUS));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "metrics.`my metric` > 0|my metric",
        "metrics.\"my metric\" > 0|my metric",
        "metrics.'my metric' > 0|my metric",
        "metrics.system/cpu > 0|system/cpu",
        "metrics.fold:3/loss > 0|fold:3/loss",
        "metrics.val-loss_2.ema > 0|val-loss_2.ema",
        "metrics.\"say \"\"hi\"\"\" > 0|say \"hi\"",
        "metrics.2019-04-02 > 0|2019-04-02"
      })
  void readsQuotedAndUnquotedKeys(String filter, String key) {
    assertThat(only(filter).field().key()).isEqualTo(key);
  }

  @Test
  void readsDottedTagKeysWholeAfterTheEntity() {
    assertThat(only("tags.mlflow.runName = 'x'").field().key()).isEqualTo("mlflow.runName");
    assertThat(only("tags.\"mlflow.runName\" = 'x'").field().key()).isEqualTo("mlflow.runName");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "params.model = 'cnn'|EQ|cnn",
        "params.model = \"cnn\"|EQ|cnn",
        "params.model != 'cnn'|NE|cnn",
        "params.model LIKE 'cn%'|LIKE|cn%",
        "params.model like 'cn%'|LIKE|cn%",
        "params.model ILIKE 'CN%'|ILIKE|CN%",
        "params.model = 'it''s'|EQ|it's",
        "params.model = \"say \"\"hi\"\"\"|EQ|say \"hi\"",
        "params.model = ''|EQ|''",
        "tags.note = 'a AND b'|EQ|a AND b"
      })
  void readsStringComparisons(String filter, Operator operator, String value) {
    Clause clause = only(filter);
    assertThat(clause.operator()).isEqualTo(operator);
    assertThat(clause.strings()).containsExactly(value.equals("''") ? "" : value);
  }

  @Test
  void keepsAnInjectionAttemptAsAPlainValue() {
    Clause clause = only("params.x = 'a'' or 1=1 --'");
    assertThat(clause.strings()).containsExactly("a' or 1=1 --");
    assertThat(only("params.`x = '' or 1=1; drop table run; --` = 'a'").field().key())
        .isEqualTo("x = '' or 1=1; drop table run; --");
  }

  @Test
  void readsListsForInAndNotIn() {
    Clause in = only("attributes.run_id IN ('a', \"b\",'c')");
    assertThat(in.operator()).isEqualTo(Operator.IN);
    assertThat(in.strings()).containsExactly("a", "b", "c");
    Clause notIn = only("params.model not  in ( 'x' )");
    assertThat(notIn.operator()).isEqualTo(Operator.NOT_IN);
    assertThat(notIn.strings()).containsExactly("x");
  }

  @Test
  void joinsClausesWithAndInAnyCase() {
    List<Clause> clauses =
        FilterParser.parseFilter(
            "metrics.rmse < 1 and params.model = 'cnn' AND tags.team != 'x'\n\tAnD status = 'RUNNING'");
    assertThat(clauses)
        .extracting(c -> c.field().type())
        .containsExactly(EntityType.METRIC, EntityType.PARAM, EntityType.TAG, EntityType.ATTRIBUTE);
  }

  @Test
  void readsAttributesWithTheirAliasesAndKinds() {
    assertThat(only("attributes.created >= 1700000000000").field())
        .isEqualTo(Field.of(Attribute.CREATED));
    assertThat(only("attributes.Created >= 1700000000000").field())
        .isEqualTo(Field.of(Attribute.CREATED));
    assertThat(only("attributes.`Run name` = 'x'").field()).isEqualTo(Field.of(Attribute.RUN_NAME));
    assertThat(only("start_time > 1700000000000").number()).isEqualTo(1.7e12);
    assertThat(only("attributes.end_time < 1.7e12").number()).isEqualTo(1.7e12);
    assertThat(only("attributes.user_id = 'ada'").field()).isEqualTo(Field.of(Attribute.USER_ID));
    assertThat(only("attributes.status = 'Completed'").strings()).containsExactly("Completed");
    assertThat(only("attributes.status LIKE 'FIN%'").operator()).isEqualTo(Operator.LIKE);
  }

  @Test
  void namesThePositionAndTheProblemOfABadFilter() {
    assertInvalid("foo.x = 1", "character 1 ('foo.x = 1')", "unknown entity 'foo'");
    assertInvalid("rmse < 1", "character 1", "unknown identifier 'rmse'");
    assertInvalid("= 1", "character 1", "expected an identifier");
    assertInvalid("metrics. = 1", "character 9", "expected a key after 'metrics.'");
    assertInvalid("metrics.x = 'a'", "character 13 (''a'')", "expected a number");
    assertInvalid("metrics.x = 1abc", "character 13", "expected a number");
    assertInvalid("metrics.x = 1e999", "character 13", "out of range");
    assertInvalid("metrics.x LIKE 1", "character 11", "metrics.x is a number");
    assertInvalid("metrics.x IN (1)", "character 11", "metrics.x is a number");
    assertInvalid("params.x > 'a'", "character 10", "params.x is a string");
    assertInvalid("params.x = 1", "character 12", "expected a quoted string");
    assertInvalid("params.x = `a`", "character 12", "expected a quoted string");
    assertInvalid("params.x = 'abc", "character 12", "has no closing '");
    assertInvalid("metrics.`x = 1", "character 9", "has no closing `");
    assertInvalid("metrics.x ~ 1", "character 11", "expected a comparator");
    assertInvalid("metrics.x == 1", "character 11", "unknown comparator");
    assertInvalid("metrics.x <> 1", "character 11", "unknown comparator");
    assertInvalid("params.x NOT 'a'", "character 10", "expected NOT IN");
    assertInvalid("params.x IN 'a'", "character 13", "expected a list");
    assertInvalid("params.x IN ()", "character 14", "expected a quoted string in the list");
    assertInvalid("params.x IN ('a' 'b')", "character 18", "expected ',' or ')'");
    assertInvalid("params.x IN ('a',", "at the end", "expected a quoted string in the list");
    assertInvalid("metrics.x = 1 OR metrics.y = 2", "character 15", "has no OR");
    assertInvalid("metrics.x = 1 metrics.y = 2", "character 15", "expected AND");
    assertInvalid("metrics.x = 1 AND", "at the end", "expected a clause after AND");
    assertInvalid("metrics.x = 1 ANDmetrics.y = 2", "character 15", "expected AND");
    assertInvalid("attributes.artifact_uri = 'x'", "character 12", "unknown attribute");
    assertInvalid("attributes.status = 'DONE'", "character 21", "unknown status 'DONE'");
    assertInvalid("status IN ('FAILED', 'Nope')", "character 11", "unknown status 'Nope'");
    assertInvalid("attributes.start_time > 1.5", "character 25", "whole epoch milliseconds");
    assertInvalid("attributes.end_time > 1e300", "character 23", "whole epoch milliseconds");
    assertInvalid("attributes.start_time > 'x'", "character 25", "expected a number");
  }

  @Test
  void refusesOversizedFilters() {
    assertInvalid("metrics." + "k".repeat(251) + " > 0", "character 9", "at most 250");
    String many = String.join(" and ", Collections.nCopies(101, "metrics.x > 0"));
    assertInvalid(many, "character", "at most 100 clauses");
    String list = "params.x IN (" + String.join(",", Collections.nCopies(1001, "'a'")) + ")";
    assertInvalid(list, "character", "at most 1000 values");
    assertThatThrownBy(() -> FilterParser.parseFilter("params.x = '" + "a".repeat(70_000) + "'"))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo("invalid_filter"));
  }

  @Test
  void readsOrderKeysWithMlflowSyntax() {
    List<OrderKey> keys =
        FilterParser.parseOrderBy(
            List.of(
                "metrics.rmse ASC",
                "params.lr desc",
                "tags.`team name`",
                "start_time",
                "attributes.start_time DESC",
                "created"));
    assertThat(keys)
        .containsExactly(
            new OrderKey(Field.of(EntityType.METRIC, "rmse"), true),
            new OrderKey(Field.of(EntityType.PARAM, "lr"), false),
            new OrderKey(Field.of(EntityType.TAG, "team name"), true),
            new OrderKey(Field.of(Attribute.START_TIME), true),
            new OrderKey(Field.of(Attribute.START_TIME), false),
            new OrderKey(Field.of(Attribute.CREATED), true));
    assertThat(FilterParser.parseOrderBy(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "metrics.rmse UP",
        "metrics.rmse ASC extra",
        "attributes.artifact_uri",
        "rmse",
        "foo.bar DESC",
        "",
        "metrics.rmse; drop table run"
      })
  void refusesABadOrderKey(String key) {
    assertThatThrownBy(() -> FilterParser.parseOrderBy(List.of(key)))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo("invalid_order_by"));
  }

  @Test
  void refusesTooManyOrderKeys() {
    assertThatThrownBy(() -> FilterParser.parseOrderBy(Collections.nCopies(11, "start_time")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.code()).isEqualTo("invalid_order_by"));
  }
}
