package dev.kiln.run.search;

import dev.kiln.common.crypto.Hashes;
import dev.kiln.common.paging.Page;
import dev.kiln.common.paging.PageRequest;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searches the runs of a workspace with MLflow's filter and order-by syntax, a page at a time. The
 * Kiln API and the MLflow facade both use it.
 */
@Service
public class RunSearch {

  /** The most runs one page holds, whatever the caller asked for (MLflow allows 50,000). */
  public static final int MAX_PAGE_SIZE = 1_000;

  private final JdbcTemplate jdbc;
  private final RunService runs;

  RunSearch(JdbcTemplate jdbc, RunService runs) {
    this.jdbc = jdbc;
    this.runs = runs;
  }

  /**
   * One page of the runs of the workspace that match {@code filter}, in {@code orderBy}'s order.
   *
   * <p>{@code filter} is MLflow's grammar ({@code metrics.rmse < 1 and params.model = 'cnn'});
   * {@code null} or blank matches every run. A metric compares by its latest value, and a NaN value
   * matches only {@code !=}; {@code !=} and {@code NOT IN} on a metric, param or tag match only
   * runs that have the key, as in MLflow. {@code orderBy} holds MLflow order keys ({@code
   * metrics.rmse ASC}, {@code attributes.start_time DESC}, a bare {@code start_time}); runs lacking
   * an ordering metric, param or tag come last (a NaN metric just before them); ties are broken by
   * start time, newest first, then by run id; no order means newest first.
   *
   * <p>A page holds at most {@link #MAX_PAGE_SIZE} runs: a larger {@code page.limit()} (MLflow
   * allows 50,000) is capped, and the page's {@code next} says whether more follow. {@code
   * page.after()} is the decoded {@code next} of the page before; it only fits the same search.
   *
   * @param experimentIds the experiments to search; empty or {@code null} for all of the workspace
   * @param view which runs to see by lifecycle; {@code null} for active runs only
   * @throws dev.kiln.common.error.InvalidRequestException {@code invalid_filter}, {@code
   *     invalid_order_by} or {@code invalid_cursor} when those are malformed
   */
  @Transactional(readOnly = true)
  public Page<Run> search(
      UUID workspaceId,
      List<UUID> experimentIds,
      String filter,
      List<String> orderBy,
      ViewType view,
      PageRequest page) {
    ViewType seen = view == null ? ViewType.ACTIVE_ONLY : view;
    List<Clause> clauses = FilterParser.parseFilter(filter);
    List<OrderKey> order = FilterParser.parseOrderBy(orderBy);
    SearchQuery query = new SearchQuery(workspaceId, experimentIds, clauses, order, seen);
    String fingerprint = fingerprint(experimentIds, filter, orderBy, seen);
    SearchCursor from =
        page.after() == null
            ? SearchCursor.first(fingerprint)
            : SearchCursor.decode(page.after(), fingerprint, query.columns());
    PageRequest capped = new PageRequest(Math.min(page.limit(), MAX_PAGE_SIZE), page.after());
    SearchQuery.Sql sql = query.page(from.anchor(), from.skip(), capped.fetchSize());
    int width = query.columns().size();
    List<Row> rows =
        jdbc.query(
            sql.text(),
            (rs, i) -> {
              List<String> values = new ArrayList<>(width);
              for (int c = 0; c < width; c++) {
                values.add(query.columns().get(c).type().read(rs, c + 2));
              }
              return new Row(rs.getObject(1, UUID.class), values);
            },
            sql.args());
    Page<Row> found =
        Page.fromOverfetched(
            rows, capped, last -> from.next(last.sortValues(), capped.limit()).encode());
    return new Page<>(runs.byIds(found.items().stream().map(Row::id).toList()), found.next());
  }

  /** The search a cursor belongs to: the same filter, order, experiments and view. */
  private static String fingerprint(
      List<UUID> experimentIds, String filter, List<String> orderBy, ViewType view) {
    String search =
        String.join(
            "\n",
            String.valueOf(experimentIds == null ? List.of() : experimentIds),
            String.valueOf(filter),
            String.valueOf(orderBy),
            view.name());
    return Hashes.sha256Hex(search).substring(0, 16);
  }

  private record Row(UUID id, List<String> sortValues) {}
}
