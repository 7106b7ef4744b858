package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WorkloadsTest {

  @Test
  void searchRunsGetEachRmseOnceSoATenthMatch() {
    int runs = 2_000;
    Set<Double> seen = new HashSet<>();
    int matching = 0;
    for (int i = 0; i < runs; i++) {
      double rmse = Workloads.rmse(i, runs);
      seen.add(rmse);
      if (rmse < 0.1) {
        matching++;
      }
    }

    assertThat(seen).hasSize(runs).contains(0.0);
    assertThat(matching).isEqualTo(200);
  }

  @Test
  void batchBodiesHoldConsecutiveStepsOfOneKey() {
    StringBuilder json = new StringBuilder("{");
    Series.appendMetrics(json, "m3", 5_000, 3).append('}');

    JsonNode metrics = Json.tree(json.toString().getBytes()).path("metrics");

    assertThat(metrics).hasSize(3);
    assertThat(metrics.get(0).path("key").asString()).isEqualTo("m3");
    assertThat(metrics.get(2).path("step").asLong()).isEqualTo(5_002);
    assertThat(metrics.get(2).path("timestamp").asLong()).isEqualTo(Series.timestamp(5_002));
    assertThat(metrics.get(2).path("value").asDouble()).isEqualTo(Series.value(5_002));
  }

  @Test
  void samplesGiveMedianAndNearestRankP95() {
    Samples samples = new Samples(new double[] {5, 1, 4, 2, 3, 10, 6, 7, 8, 9});

    assertThat(samples.median()).isEqualTo(5.5);
    assertThat(samples.p95()).isEqualTo(10);
    assertThat(samples.percentile(50)).isEqualTo(5);
  }
}
