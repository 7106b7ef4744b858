package dev.kiln.workspace.identity;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** The bodies of {@code /internal/v1/run-tokens}. */
final class RunTokenRequests {

  private RunTokenRequests() {}

  /** Shortest and longest life of a run token: a minute, and the longest job limit (30 days). */
  static final long MIN_TTL_SECONDS = 60;

  static final long MAX_TTL_SECONDS = 30L * 24 * 60 * 60;

  /** A day, when the caller names no lifetime. */
  static final long DEFAULT_TTL_SECONDS = 24L * 60 * 60;

  /** run-service's rule for run names. */
  static final String RUN_NAME = "^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$";

  /** {@code POST /internal/v1/run-tokens}. */
  record IssueRunTokenRequest(
      @NotBlank @Size(max = 33) String workspace,
      @NotNull UUID runId,
      @NotNull
          @Pattern(
              regexp = RUN_NAME,
              message = "must be 1 to 255 letters, digits, underscores or hyphens")
          String runName,
      @NotNull UUID userId,
      @Min(MIN_TTL_SECONDS) @Max(MAX_TTL_SECONDS) Long ttlSeconds) {

    long ttlOrDefault() {
      return ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds;
    }
  }

  /** A new run token, whose secret is shown this once. */
  record IssuedRunToken(String token, Instant expiresAt) {}

  /** {@code POST /internal/v1/run-tokens/revoke}. */
  record RevokeRunTokensRequest(@NotNull UUID runId) {}
}
