package dev.kiln.run.search;

import dev.kiln.run.run.RunStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The one SQL query of a search. Every value of the filter, every key and every cursor value is a
 * bind parameter; only the shape of the query (which joins, which comparators) comes from the
 * parsed filter, never its text.
 */
final class SearchQuery {

  private static final String START_TIME = "coalesce(r.start_time, r.created_at)";

  private final StringBuilder joins = new StringBuilder();
  private final List<Object> joinArgs = new ArrayList<>();
  private final StringBuilder where = new StringBuilder("r.workspace_id = ?");
  private final List<Object> whereArgs = new ArrayList<>();
  private final List<SortColumn> columns = new ArrayList<>();
  private final Map<String, String> presentMetrics = new HashMap<>();
  private int aliases;

  SearchQuery(
      UUID workspaceId,
      List<UUID> experimentIds,
      List<Clause> clauses,
      List<OrderKey> order,
      ViewType view) {
    whereArgs.add(workspaceId);
    if (view != ViewType.ALL) {
      where.append(" and r.lifecycle = ?");
      whereArgs.add(view == ViewType.DELETED_ONLY ? "deleted" : "active");
    }
    if (experimentIds != null && !experimentIds.isEmpty()) {
      where.append(" and r.experiment_id = any(?)");
      whereArgs.add(experimentIds.toArray(UUID[]::new));
    }
    // A metric both ordered by and filtered on is present in every result: its filter goes on the
    // order's join, which makes that an inner join an index on (key, value) can serve in order.
    for (OrderKey key : order) {
      Field field = key.field();
      boolean filtered =
          field.type() == EntityType.METRIC
              && !presentMetrics.containsKey(field.key())
              && clauses.stream().anyMatch(c -> c.field().equals(field));
      order(key, filtered);
    }
    clauses.forEach(this::filter);
    // MLflow breaks ties by start time (newest first), then by run id.
    boolean byStart = order.stream().anyMatch(k -> k.field().attribute() == Attribute.START_TIME);
    if (!byStart) {
      columns.add(new SortColumn(START_TIME, SortColumn.Type.TIME, false));
    }
    columns.add(new SortColumn("r.id", SortColumn.Type.UUID, true));
  }

  List<SortColumn> columns() {
    return columns;
  }

  /**
   * The query for {@code fetch} runs after the run whose sort values are {@code anchor} (from the
   * start when {@code null}), skipping {@code skip} of them.
   */
  Sql page(List<String> anchor, long skip, int fetch) {
    StringBuilder sql = new StringBuilder("select r.id");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(", ").append(columns.get(i).expression()).append(" as s").append(i);
    }
    sql.append(" from run r").append(joins).append(" where ").append(where);
    List<Object> args = new ArrayList<>(joinArgs);
    args.addAll(whereArgs);
    if (anchor != null) {
      sql.append(" and ").append(after(anchor, args));
    }
    sql.append(" order by ");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append('s').append(i);
      sql.append(columns.get(i).ascending() ? " asc" : " desc");
    }
    sql.append(" limit ?");
    args.add(fetch);
    if (skip > 0) {
      sql.append(" offset ?");
      args.add(skip);
    }
    return new Sql(sql.toString(), args.toArray());
  }

  /** A query and its bind values, in order. */
  record Sql(String text, Object[] args) {}

  /**
   * Keyset paging: rows after the anchor in the order of the columns, written {@code c1 > v1 or (c1
   * = v1 and (c2 < v2 or ...))}, with {@code c1 >= v1} first so that an index on the first column
   * can bound the scan.
   */
  private String after(List<String> anchor, List<Object> args) {
    SortColumn first = columns.get(0);
    StringBuilder sql = new StringBuilder();
    sql.append(first.expression()).append(first.ascending() ? " >= ?" : " <= ?").append(" and ");
    args.add(first.type().bind(anchor.get(0)));
    int last = columns.size() - 1;
    for (int i = 0; i <= last; i++) {
      SortColumn column = columns.get(i);
      Object value = column.type().bind(anchor.get(i));
      String beyond = column.ascending() ? " > ?" : " < ?";
      if (i < last) {
        sql.append("(").append(column.expression()).append(beyond);
        sql.append(" or (").append(column.expression()).append(" = ? and ");
        args.add(value);
        args.add(value);
      } else {
        sql.append(column.expression()).append(beyond);
        args.add(value);
      }
    }
    sql.append("))".repeat(last));
    return "(" + sql + ")";
  }

  private void filter(Clause clause) {
    Field field = clause.field();
    switch (field.type()) {
      case METRIC -> {
        String joined = presentMetrics.get(field.key());
        if (joined == null) {
          exists("metric_latest", field.key(), clause);
        } else {
          where.append(" and ").append(compare(joined + ".value", clause));
        }
      }
      case PARAM -> exists("run_param", field.key(), clause);
      case TAG -> exists("run_tag", field.key(), clause);
      case ATTRIBUTE -> attribute(field.attribute(), clause);
    }
  }

  /**
   * The key must exist and its value must match: MLflow's {@code !=} skips runs without the key.
   */
  private void exists(String table, String key, Clause clause) {
    String alias = "f" + aliases++;
    where.append(" and exists (select 1 from ").append(table).append(' ').append(alias);
    where.append(" where ").append(alias).append(".run_id = r.id and ").append(alias);
    where.append(".key = ? and ");
    whereArgs.add(key);
    where.append(compare(alias + ".value", clause)).append(')');
  }

  private void attribute(Attribute attribute, Clause clause) {
    where.append(" and ");
    switch (attribute) {
      case STATUS -> {
        where.append("r.status = any(?)");
        whereArgs.add(statuses(clause).stream().map(Enum::name).toArray(String[]::new));
      }
      case RUN_ID -> where.append(compare("r.name", clause));
      case RUN_NAME -> where.append(compare("coalesce(r.display_name, r.name)", clause));
      case USER_ID -> userId(clause);
      case START_TIME -> time(START_TIME, clause);
      case END_TIME -> time("r.end_time", clause);
      case CREATED -> time("r.created_at", clause);
    }
  }

  /**
   * The user is named by id or by name: a run matches when either does, and differs when both do.
   */
  private void userId(Clause clause) {
    if (clause.operator().negative()) {
      where.append("not coalesce(r.submitted_by = any(?) or r.submitted_name = any(?), false)");
      String[] values = clause.strings().toArray(String[]::new);
      whereArgs.add(values);
      whereArgs.add(values);
    } else {
      where.append('(').append(compare("r.submitted_by", clause)).append(" or ");
      where.append(compare("r.submitted_name", clause)).append(')');
    }
  }

  /**
   * Compares a time with epoch milliseconds as MLflow sees it, truncated to the millisecond: {@code
   * = v} is the millisecond {@code [v, v+1)}. Written as ranges so that an index can serve them.
   */
  private void time(String column, Clause clause) {
    long millis = clause.number().longValue();
    OffsetDateTime from = OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    OffsetDateTime until = from.plusNanos(1_000_000);
    switch (clause.operator()) {
      case EQ -> range("(" + column + " >= ? and " + column + " < ?)", from, until);
      case NE -> range("(" + column + " < ? or " + column + " >= ?)", from, until);
      case LT -> range(column + " < ?", from);
      case LE -> range(column + " < ?", until);
      case GT -> range(column + " >= ?", until);
      case GE -> range(column + " >= ?", from);
      default -> throw new IllegalStateException("Not a numeric operator: " + clause.operator());
    }
  }

  private void range(String sql, Object... args) {
    where.append(sql);
    whereArgs.addAll(List.of(args));
  }

  private String compare(String column, Clause clause) {
    Operator operator = clause.operator();
    if (clause.number() != null) {
      whereArgs.add(clause.number());
      String comparison = column + " " + operator.text() + " ?";
      // PostgreSQL holds NaN greater than every number; a filter treats it as IEEE 754 does, as
      // comparing false with everything but != (so a diverged run never passes "acc > 0.9").
      boolean above = operator == Operator.GT || operator == Operator.GE;
      return above ? "(" + comparison + " and " + column + " <> 'NaN'::float8)" : comparison;
    }
    if (operator.list()) {
      whereArgs.add(clause.strings().toArray(String[]::new));
      return operator == Operator.IN ? column + " = any(?)" : column + " <> all(?)";
    }
    whereArgs.add(clause.strings().get(0));
    return switch (operator) {
      case EQ -> column + " = ?";
      case NE -> column + " <> ?";
      case LIKE -> column + " like ?";
      case ILIKE -> column + " ilike ?";
      default -> throw new IllegalStateException("Not a string operator: " + operator);
    };
  }

  private static Set<RunStatus> statuses(Clause clause) {
    Set<RunStatus> named = java.util.EnumSet.noneOf(RunStatus.class);
    for (String value : clause.strings()) {
      named.addAll(
          switch (clause.operator()) {
            case LIKE -> StatusNames.like(value, false);
            case ILIKE -> StatusNames.like(value, true);
            default -> StatusNames.named(value);
          });
    }
    if (!clause.operator().negative()) {
      return named;
    }
    Set<RunStatus> others = java.util.EnumSet.allOf(RunStatus.class);
    others.removeAll(named);
    return others;
  }

  /**
   * Joins what the order needs and adds its columns; a run lacking a key sorts last either way.
   *
   * @param present whether a filter on the same metric will require it, so that no run lacks it
   */
  private void order(OrderKey key, boolean present) {
    Field field = key.field();
    boolean asc = key.ascending();
    String alias = "o" + aliases++;
    String value = alias + ".value";
    switch (field.type()) {
      case METRIC -> {
        join("metric_latest", alias, field.key());
        if (present) {
          presentMetrics.put(field.key(), alias);
          presentMetricColumns(value, asc);
        } else {
          metricColumns(value, asc);
        }
      }
      case PARAM, TAG -> {
        join(field.type() == EntityType.PARAM ? "run_param" : "run_tag", alias, field.key());
        columns.add(missingLast(value));
        columns.add(new SortColumn("coalesce(" + value + ", '')", SortColumn.Type.TEXT, asc));
      }
      case ATTRIBUTE -> attributeOrder(field.attribute(), asc);
    }
  }

  /** MLflow puts NaN after the numbers and a missing metric after NaN, in both directions. */
  private void metricColumns(String value, boolean asc) {
    columns.add(
        new SortColumn(
            "case when "
                + value
                + " is null then 2 when "
                + value
                + " = 'NaN'::float8 then 1 else 0 end",
            SortColumn.Type.INT,
            true));
    columns.add(new SortColumn("coalesce(" + value + ", 0)", SortColumn.Type.DOUBLE, asc));
  }

  /**
   * A metric every result has sorts by its plain value, so that PostgreSQL can read it in index
   * order. PostgreSQL puts NaN above every number: ascending that is MLflow's NaN-last already;
   * descending it takes a NaN rank first.
   */
  private void presentMetricColumns(String value, boolean asc) {
    if (!asc) {
      columns.add(
          new SortColumn(
              "case when " + value + " = 'NaN'::float8 then 1 else 0 end",
              SortColumn.Type.INT,
              true));
    }
    columns.add(new SortColumn(value, SortColumn.Type.DOUBLE, asc));
  }

  private void attributeOrder(Attribute attribute, boolean asc) {
    switch (attribute) {
      case START_TIME -> columns.add(new SortColumn(START_TIME, SortColumn.Type.TIME, asc));
      case CREATED -> columns.add(new SortColumn("r.created_at", SortColumn.Type.TIME, asc));
      case END_TIME -> {
        columns.add(missingLast("r.end_time"));
        columns.add(
            new SortColumn("coalesce(r.end_time, r.created_at)", SortColumn.Type.TIME, asc));
      }
      case RUN_ID -> columns.add(new SortColumn("r.name", SortColumn.Type.TEXT, asc));
      case RUN_NAME ->
          columns.add(
              new SortColumn("coalesce(r.display_name, r.name)", SortColumn.Type.TEXT, asc));
      case USER_ID -> {
        String user = "coalesce(r.submitted_name, r.submitted_by)";
        columns.add(missingLast(user));
        columns.add(new SortColumn("coalesce(" + user + ", '')", SortColumn.Type.TEXT, asc));
      }
      case STATUS -> columns.add(new SortColumn(mlflowStatus(), SortColumn.Type.TEXT, asc));
    }
  }

  /** The run's status as MLflow names it, so that an order by status is MLflow's. */
  private static String mlflowStatus() {
    StringBuilder sql = new StringBuilder("case r.status");
    for (RunStatus status : RunStatus.values()) {
      // Constants of Kiln's own enum, not user input.
      sql.append(" when '").append(status.name()).append("' then '").append(status.mlflow());
      sql.append('\'');
    }
    return sql.append(" end").toString();
  }

  private static SortColumn missingLast(String expression) {
    return new SortColumn(
        "case when " + expression + " is null then 1 else 0 end", SortColumn.Type.INT, true);
  }

  private void join(String table, String alias, String key) {
    joins.append(" left join ").append(table).append(' ').append(alias);
    joins.append(" on ").append(alias).append(".run_id = r.id and ").append(alias);
    joins.append(".key = ?");
    joinArgs.add(key);
  }
}
