package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The answer checks, fed bodies in each server's own shape through its real parser. */
class ChecksTest {

  private final Target kiln = new KilnTarget(URI.create("http://127.0.0.1:1"), "token");
  private final Target mlflow = new MlflowTarget(URI.create("http://127.0.0.1:1"));

  private static byte[] kilnPage(long from, long to, String next) {
    String items =
        LongStream.range(from, to)
            .mapToObj(
                s ->
                    "{\"step\":"
                        + s
                        + ",\"timestamp\":"
                        + Series.timestamp(s)
                        + ",\"value\":"
                        + Series.value(s)
                        + "}")
            .collect(Collectors.joining(","));
    return ("{\"items\":[" + items + "]" + (next == null ? "" : ",\"next\":\"" + next + "\"") + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mlflowPage(long... steps) {
    String metrics =
        LongStream.of(steps)
            .mapToObj(
                s ->
                    "{\"key\":\"loss\",\"value\":"
                        + Series.value(s)
                        + ",\"timestamp\":"
                        + Series.timestamp(s)
                        + ",\"step\":"
                        + s
                        + "}")
            .collect(Collectors.joining(","));
    return ("{\"metrics\":[" + metrics + "]}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void acceptsAWholeHistoryAcrossPages() {
    List<byte[]> pages = List.of(kilnPage(0, 3, "c1"), kilnPage(3, 5, null));

    assertThat(Checks.history(kiln, pages, 5)).isEqualTo(2);
    assertThat(Json.topLevelString(pages.get(0), "next")).isEqualTo("c1");
    assertThat(Json.topLevelString(pages.get(1), "next")).isNull();
  }

  @Test
  void refusesAHistoryWithAMissingOrMisplacedPoint() {
    assertThatThrownBy(() -> Checks.history(kiln, List.of(kilnPage(0, 4, null)), 5))
        .hasMessage("Kiln history: 4 points read, 5 logged");
    assertThatThrownBy(() -> Checks.history(mlflow, List.of(mlflowPage(0, 2, 1)), 3))
        .hasMessage("MLflow history: step 2 where 1 was due");
  }

  @Test
  void reportsWhetherADownsampleKeptTheExtremes() {
    int series = 10;
    long[] everyOther = {0, 2, 4, 6, 8, 9};
    long min = argExtreme(series, true);
    long max = argExtreme(series, false);

    Checks.Drawn sparse = Checks.downsample(mlflow, mlflowPage(0, 9), series, 5);
    Checks.Drawn withExtremes =
        Checks.downsample(
            mlflow,
            mlflowPage(LongStream.of(0, min, max, 9).sorted().distinct().toArray()),
            series,
            5);

    assertThat(sparse.points()).isEqualTo(2);
    assertThat(withExtremes.keptExtremes()).isTrue();
    assertThatThrownBy(() -> Checks.downsample(mlflow, mlflowPage(everyOther), series, 5))
        .hasMessage("MLflow downsampled read: 6 points for 5 asked");
    assertThatThrownBy(() -> Checks.downsample(mlflow, mlflowPage(0, 8), series, 5))
        .hasMessage("MLflow downsampled read: spans steps 0..8, not 0..9");
  }

  private static long argExtreme(int series, boolean smallest) {
    long best = 0;
    for (long step = 1; step < series; step++) {
      double value = Series.value(step);
      if (smallest ? value < Series.value(best) : value > Series.value(best)) {
        best = step;
      }
    }
    return best;
  }

  @Test
  void acceptsTheBestRunsInOrderAndRefusesOthers() {
    Workloads.Seeded seeded = new Workloads.Seeded(1000, 1000, 100, Duration.ZERO, false);
    byte[] ordered = searchAnswer(0.0, 0.001, 0.002);
    byte[] unordered = searchAnswer(0.0, 0.002, 0.001);
    byte[] worst = searchAnswer(0.001, 0.002, 0.003);

    Checks.search(mlflow, ordered, seeded, 3);
    assertThatThrownBy(() -> Checks.search(mlflow, unordered, seeded, 3))
        .hasMessage("MLflow search: run 2 has rmse 0.001");
    assertThatThrownBy(() -> Checks.search(mlflow, worst, seeded, 3))
        .hasMessage("MLflow search: the best rmse is 0.001, not 0");
    assertThatThrownBy(() -> Checks.search(mlflow, ordered, seeded, 4))
        .hasMessage("MLflow search: 3 runs found, 4 expected");
  }

  private static byte[] searchAnswer(double... rmse) {
    String runs =
        java.util.Arrays.stream(rmse)
            .mapToObj(r -> "{\"data\":{\"metrics\":[{\"key\":\"rmse\",\"value\":" + r + "}]}}")
            .collect(Collectors.joining(","));
    return ("{\"runs\":[" + runs + "]}").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsRmseFromKilnRunsInEitherMetricShape() {
    byte[] body =
        ("{\"items\":[{\"metrics\":{\"rmse\":0.01}},"
                + "{\"metrics\":[{\"key\":\"rmse\",\"value\":0.02}]},{\"metrics\":[]}]}")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(kiln.searchedRmse(body)).containsExactly(0.01, 0.02, Double.NaN);
  }
}
