package dev.kiln.bench;

import java.util.List;

/**
 * A tracking server as the benchmark drives it, through its public REST API only. Calls are
 * synchronous and thread-safe; an answer other than 2xx throws {@link JsonHttp.ServerError}. The
 * timed calls ({@link #readHistory}, {@link #downsample}, {@link #search}) return raw bodies, so
 * that checking what came back happens after the clock stops.
 */
interface Target {

  /** Where a run goes: each workload keeps its runs apart from the others'. */
  enum Group {
    INGEST,
    SERIES,
    SEARCH
  }

  /** "Kiln" or "MLflow". */
  String name();

  /** Creates the workspaces or experiments the groups live in; harmless when they exist. */
  void prepare();

  /** Creates a run and returns the id the other calls take. */
  String createRun(Group group, String name);

  /** Logs {@code count} points of {@code key} from {@code firstStep} in one batch request. */
  void logMetrics(String runId, String key, long firstStep, int count);

  /**
   * Logs the searchable facts of a run in one batch: metric {@code rmse} and param {@code alpha}.
   */
  void logSearchable(String runId, double rmse, String alpha);

  /** Reads the whole series, page by page, and returns each page's body. */
  List<byte[]> readHistory(String runId, String key, int pageSize);

  /** Asks for the series drawn with at most {@code points} points. */
  byte[] downsample(String runId, String key, int points);

  /** Searches the {@link Group#SEARCH} runs: {@code metrics.rmse < 0.1}, by rmse ascending. */
  byte[] search(int limit);

  /** The points in one history or downsample body. */
  List<Point> points(byte[] body);

  /**
   * The runs of a search body, as the rmse of each (NaN when it cannot be told). May ask the server
   * for what the answer does not show, so it is called only after the clock stops.
   */
  List<Double> searchedRmse(byte[] body);

  /** One metric point as read back. */
  record Point(long step, double value) {}
}
