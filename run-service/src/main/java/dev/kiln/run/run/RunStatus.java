package dev.kiln.run.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.kiln.common.error.InvalidRequestException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a run is in its life, as Azure ML names it. A terminal status is final; {@link #canMoveTo}
 * holds the legal moves.
 */
public enum RunStatus {
  NOT_STARTED("NotStarted", "SCHEDULED"),
  QUEUED("Queued", "SCHEDULED"),
  PREPARING("Preparing", "SCHEDULED"),
  RUNNING("Running", "RUNNING"),
  FINALIZING("Finalizing", "RUNNING"),
  COMPLETED("Completed", "FINISHED"),
  FAILED("Failed", "FAILED"),
  CANCELED("Canceled", "KILLED");

  private final String label;
  private final String mlflow;

  RunStatus(String label, String mlflow) {
    this.label = label;
    this.mlflow = mlflow;
  }

  @JsonValue
  public String label() {
    return label;
  }

  /** The status MLflow shows for this one. */
  public String mlflow() {
    return mlflow;
  }

  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == CANCELED;
  }

  /** Whether a run in this status may move to {@code next}; staying put is not a move. */
  public boolean canMoveTo(RunStatus next) {
    return successors().contains(next);
  }

  private Set<RunStatus> successors() {
    return switch (this) {
      case NOT_STARTED -> EnumSet.of(QUEUED, PREPARING, RUNNING, COMPLETED, FAILED, CANCELED);
      case QUEUED -> EnumSet.of(PREPARING, RUNNING, FAILED, CANCELED);
      case PREPARING -> EnumSet.of(QUEUED, RUNNING, FAILED, CANCELED);
      case RUNNING -> EnumSet.of(FINALIZING, COMPLETED, FAILED, CANCELED);
      case FINALIZING -> EnumSet.of(COMPLETED, FAILED, CANCELED);
      case COMPLETED, FAILED, CANCELED -> EnumSet.noneOf(RunStatus.class);
    };
  }

  /** Parses Azure ML's name ({@code Running}) or the constant's ({@code RUNNING}). */
  @JsonCreator
  public static RunStatus parse(String text) {
    return Arrays.stream(values())
        .filter(s -> s.label.equalsIgnoreCase(text) || s.name().equalsIgnoreCase(text))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "invalid_status",
                    "Unknown status '"
                        + text
                        + "'; one of "
                        + Arrays.stream(values()).map(RunStatus::label).toList()));
  }

  /** The status an MLflow client means by {@code RUNNING}, {@code FINISHED} and so on. */
  public static RunStatus fromMlflow(String text) {
    return switch (text == null ? "" : text) {
      case "RUNNING" -> RUNNING;
      case "SCHEDULED" -> QUEUED;
      case "FINISHED" -> COMPLETED;
      case "FAILED" -> FAILED;
      case "KILLED" -> CANCELED;
      default ->
          throw new InvalidRequestException(
              "invalid_status",
              "Unknown MLflow run status '"
                  + text
                  + "'; one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED.");
    };
  }
}
