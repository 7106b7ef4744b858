package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  @Test
  void passesThroughputAtTheTargetAndShowsHowManyTimesFasterKilnIs() {
    Report report = new Report(true);

    report.throughput("Ingestion", 150_000.0, 5_000.0, 100_000);
    report.speedup("Ingestion, Kiln / MLflow", 150_000.0, 5_000.0, 10);

    assertThat(report.rows())
        .extracting(Report.Row::ratio, Report.Row::target, Report.Row::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("30.0x", ">= 100,000/s", Report.Verdict.PASS),
            org.assertj.core.groups.Tuple.tuple("30.0x", ">= 10x", Report.Verdict.PASS));
    assertThat(report.passed()).isTrue();
  }

  @Test
  void failsALatencyAtOrOverItsTargetAndComparesMlflowOverKiln() {
    Report report = new Report(true);

    report.latency("History", 200.0, 3_000.0, 200.0);

    Report.Row row = report.rows().get(0);
    assertThat(row.kiln()).isEqualTo("200.0 ms");
    assertThat(row.ratio()).isEqualTo("15.0x");
    assertThat(row.verdict()).isEqualTo(Report.Verdict.FAIL);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void aMissingKilnValueFailsWhenKilnWasMeasured() {
    Report measured = new Report(true);
    Report skipped = new Report(false);

    measured.latency("Search", null, 150.0, 300.0);
    skipped.latency("Search", null, 150.0, 300.0);

    assertThat(measured.rows().get(0).verdict()).isEqualTo(Report.Verdict.FAIL);
    assertThat(measured.rows().get(0).kiln()).isEqualTo("-");
    assertThat(skipped.rows().get(0).verdict()).isEqualTo(Report.Verdict.NONE);
  }

  @Test
  void rowsWithoutATargetHaveNoVerdict() {
    Report report = new Report(true);

    report.latency("History, p95", 500.0, 600.0, null);

    assertThat(report.rows().get(0).verdict()).isEqualTo(Report.Verdict.NONE);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void markdownHasTheFactsTheTableAndTheNotes() {
    Report report = new Report(true);
    report.throughput("Ingestion", 120_000.0, 4_000.0, 100_000);
    report.note("MLflow ingested 500,000 points.");
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Cores", "2");

    String markdown = report.markdown("Tracking benchmark", facts);

    assertThat(markdown)
        .startsWith("# Tracking benchmark\n")
        .contains("| Cores | 2 |")
        .contains("| Metric | Kiln | MLflow | Kiln vs MLflow | Target | Result |")
        .contains("| Ingestion | 120,000/s | 4,000/s | 30.0x | >= 100,000/s | PASS |")
        .contains("- MLflow ingested 500,000 points.")
        .endsWith("Overall: PASS\n");
  }

  @Test
  void theTextTableAlignsColumns() {
    Report report = new Report(true);
    report.throughput("Ingestion", 120_000.0, 4_000.0, 100_000);
    report.latency("Search", 12.5, 150.0, 300.0);

    String[] lines = report.table().split("\n");

    assertThat(lines[0]).startsWith("Metric");
    assertThat(lines[1]).matches("-+");
    assertThat(lines[2].length()).isEqualTo(lines[3].length());
  }
}
