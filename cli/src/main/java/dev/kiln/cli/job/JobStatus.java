package dev.kiln.cli.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The statuses of a job, as the server names them (Azure ML's). */
enum JobStatus {
  NOT_STARTED("NotStarted"),
  QUEUED("Queued"),
  PREPARING("Preparing"),
  RUNNING("Running"),
  FINALIZING("Finalizing"),
  COMPLETED("Completed"),
  FAILED("Failed"),
  CANCELED("Canceled");

  private final String label;

  JobStatus(String label) {
    this.label = label;
  }

  /** The name the server uses, e.g. {@code NotStarted}. */
  String label() {
    return label;
  }

  /** Whether the job has ended. */
  boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELED;
  }

  /**
   * The status named {@code text} in any case, with or without {@code _} or {@code -} between the
   * words ({@code notstarted}, {@code NOT_STARTED}, {@code not-started}).
   */
  static Optional<JobStatus> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = squash(text);
    return Arrays.stream(values()).filter(s -> squash(s.label).equals(wanted)).findFirst();
  }

  /** The labels, for messages: {@code NotStarted, Queued, ...}. */
  static String labels() {
    return Arrays.stream(values()).map(JobStatus::label).collect(Collectors.joining(", "));
  }

  private static String squash(String text) {
    return text.strip().replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }
}
