package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  private static final String[] SERVERS = {
    "--kiln",
    "http://127.0.0.1:18080/",
    "--kiln-token-file",
    "/tmp/token",
    "--mlflow",
    "http://127.0.0.1:18100"
  };

  private static BenchOptions parse(String... extra) {
    String[] args = new String[SERVERS.length + extra.length];
    System.arraycopy(SERVERS, 0, args, 0, SERVERS.length);
    System.arraycopy(extra, 0, args, SERVERS.length, extra.length);
    return BenchOptions.parse(args);
  }

  @Test
  void defaultsAreTheFullBenchmark() {
    BenchOptions options = parse();

    assertThat(options.kilnUrl()).isEqualTo(URI.create("http://127.0.0.1:18080"));
    assertThat(options.clients()).isEqualTo(8);
    assertThat(options.batchSize()).isEqualTo(1000);
    assertThat(options.kilnPoints()).isEqualTo(10_000_000);
    assertThat(options.mlflowPoints()).isEqualTo(500_000);
    assertThat(options.historyPoints()).isEqualTo(100_000);
    assertThat(options.historyPageSize()).isEqualTo(25_000);
    assertThat(options.seriesPoints()).isEqualTo(1_000_000);
    assertThat(options.downsamplePoints()).isEqualTo(500);
    assertThat(options.kilnSearchRuns()).isEqualTo(100_000);
    assertThat(options.mlflowSearchRuns()).isEqualTo(20_000);
    assertThat(options.seedLimit()).isEqualTo(Duration.ofSeconds(3600));
    assertThat(options.searchLimit()).isEqualTo(100);
  }

  @Test
  void smokeShrinksTheWorkloadsAndLaterOptionsStillApply() {
    BenchOptions options = parse("--smoke", "--search-runs", "3k", "--time-limit=60");

    assertThat(options.kilnPoints()).isEqualTo(200_000);
    assertThat(options.seriesPoints()).isEqualTo(200_000);
    assertThat(options.mlflowSearchRuns()).isEqualTo(2_000);
    assertThat(options.kilnSearchRuns()).isEqualTo(3_000);
    assertThat(options.phaseLimit()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void countsTakeSeparatorsAndSuffixes() {
    assertThat(BenchOptions.count("--points", "10M")).isEqualTo(10_000_000);
    assertThat(BenchOptions.count("--points", "500k")).isEqualTo(500_000);
    assertThat(BenchOptions.count("--points", "100_000")).isEqualTo(100_000);
    assertThat(BenchOptions.count("--points", "2,000")).isEqualTo(2_000);
  }

  @Test
  void factsKeepTheirOrder() {
    BenchOptions options = parse("--fact", "Kiln=standalone", "--fact", "MLflow=3.17.2");

    assertThat(options.facts())
        .containsExactly(
            java.util.Map.entry("Kiln", "standalone"), java.util.Map.entry("MLflow", "3.17.2"));
  }

  @Test
  void oneServerIsEnough() {
    BenchOptions options = BenchOptions.parse("--mlflow", "http://127.0.0.1:5000");

    assertThat(options.measuresMlflow()).isTrue();
    assertThat(options.measuresKiln()).isFalse();
  }

  @Test
  void refusesBatchesOverMlflowsLimit() {
    assertThatThrownBy(() -> parse("--batch", "1001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--batch must be between 1 and 1000");
  }

  @Test
  void refusesPointCountsThatLeaveAPartialBatch() {
    assertThatThrownBy(() -> parse("--points", "1500"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a multiple of --batch");
  }

  @Test
  void refusesKilnWithoutItsToken() {
    assertThatThrownBy(() -> BenchOptions.parse("--kiln", "http://127.0.0.1:18080"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--kiln needs --kiln-token-file.");
  }

  @Test
  void refusesNoServerAtAll() {
    assertThatThrownBy(() -> BenchOptions.parse("--smoke"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Name at least one server");
  }

  @Test
  void refusesUnknownOptionsMissingValuesAndBadNumbers() {
    assertThatThrownBy(() -> parse("--pionts", "5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown option --pionts.");
    assertThatThrownBy(() -> parse("--reads"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--reads needs a value.");
    assertThatThrownBy(() -> parse("--reads", "ten"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--reads wants a count, not 'ten'.");
    assertThatThrownBy(() -> parse("--mlflow", "ftp://host"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("wants an http(s) URL");
  }
}
