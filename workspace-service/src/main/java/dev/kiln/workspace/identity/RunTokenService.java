package dev.kiln.workspace.identity;

import dev.kiln.common.auth.Identity;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.id.Ids;
import dev.kiln.workspace.identity.RunTokenRequests.IssueRunTokenRequest;
import dev.kiln.workspace.identity.RunTokenRequests.IssuedRunToken;
import dev.kiln.workspace.workspace.WorkspaceLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, revokes and checks run tokens: the credentials compute-service hands a job's workload so
 * that it can call the platform as the run's submitter, in the run's workspace only. A run may hold
 * several live tokens (one per attempt); revoking a run revokes them all.
 */
@Service
class RunTokenService {

  /**
   * How the gateway names a caller holding a run token ({@code run:<runName>}). User names cannot
   * contain a colon, so the prefix cannot be mistaken for a user.
   */
  static final String CALLER_PREFIX = "run:";

  private final RunTokenRepository tokens;
  private final UserRepository users;
  private final WorkspaceLookup workspaces;
  private final Clock clock;

  RunTokenService(RunTokenRepository tokens, UserRepository users, WorkspaceLookup workspaces) {
    this.tokens = tokens;
    this.users = users;
    this.workspaces = workspaces;
    this.clock = Clock.systemUTC();
  }

  /** Stores a new token for the run; the secret is in the answer and nowhere else. */
  @Transactional
  public IssuedRunToken issue(IssueRunTokenRequest request) {
    UUID workspaceId = workspaceIdOf(request.workspace());
    if (!users.existsById(request.userId())) {
      throw new InvalidRequestException(
          "user_not_found", "No user has the id " + request.userId() + ".");
    }
    String secret = TokenSecrets.newRunSecret();
    Instant now = now();
    RunToken token =
        new RunToken(
            Ids.newId(),
            request.runId(),
            request.runName(),
            workspaceId,
            request.workspace(),
            request.userId(),
            TokenSecrets.hash(secret),
            now,
            now.plus(Duration.ofSeconds(request.ttlOrDefault())));
    tokens.save(token);
    return new IssuedRunToken(secret, token.expiresAt());
  }

  /** Revokes every token of the run; revoking a run with none, or again, changes nothing. */
  @Transactional
  public void revokeAll(UUID runId) {
    tokens.revokeAllOfRun(runId, now());
  }

  /** The valid run token whose secret is {@code secret}, marked as used now. */
  @Transactional
  public Optional<RunToken> use(String secret) {
    if (secret == null || !secret.startsWith(TokenSecrets.RUN_PREFIX)) {
      return Optional.empty();
    }
    Instant now = now();
    Optional<RunToken> token =
        tokens.findBySecretHash(TokenSecrets.hash(secret)).filter(t -> t.isValidAt(now));
    token.ifPresent(t -> t.usedAt(now));
    return token;
  }

  /**
   * Refuses a caller authenticated by a run token: a workload acts as its submitter, but must not
   * mint or manage credentials that would outlive its run.
   */
  static void refuseRunCaller(Identity caller) {
    if (caller.name() != null && caller.name().startsWith(CALLER_PREFIX)) {
      throw new KilnException(
          HttpStatus.FORBIDDEN,
          "run_token_scope",
          "A run token cannot manage personal access tokens.",
          false);
    }
  }

  private UUID workspaceIdOf(String name) {
    try {
      return workspaces.requireId(name);
    } catch (NotFoundException e) {
      // The workspace is named in the body, not the path: a bad reference, not a missing resource.
      throw new InvalidRequestException(
          "workspace_not_found", "Workspace '" + name + "' does not exist.");
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
