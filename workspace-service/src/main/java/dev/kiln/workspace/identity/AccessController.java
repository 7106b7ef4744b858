package dev.kiln.workspace.identity;

import dev.kiln.common.auth.Role;
import dev.kiln.common.error.KilnException;
import dev.kiln.workspace.identity.UserRequests.ResolveRequest;
import dev.kiln.workspace.identity.UserRequests.ResolveResponse;
import dev.kiln.workspace.workspace.WorkspaceRoles;
import jakarta.validation.Valid;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For the gateway only ({@code /internal/} routes need a system identity): who holds a token (a
 * personal access token or a run token) and which role they have in the workspace a request
 * addresses.
 */
@RestController
class AccessController {

  private final TokenService tokens;
  private final RunTokenService runTokens;
  private final UserRepository users;
  private final WorkspaceRoles roles;

  AccessController(
      TokenService tokens, RunTokenService runTokens, UserRepository users, WorkspaceRoles roles) {
    this.tokens = tokens;
    this.runTokens = runTokens;
    this.users = users;
    this.roles = roles;
  }

  @PostMapping("/internal/v1/access/resolve")
  @Transactional
  public ResolveResponse resolve(@Valid @RequestBody ResolveRequest request) {
    Optional<RunToken> runToken = runTokens.use(request.token());
    if (runToken.isPresent()) {
      return resolveRun(runToken.get(), request.workspace());
    }
    AccessToken token = tokens.use(request.token()).orElseThrow(AccessController::unknownToken);
    User user = users.findById(token.userId()).orElseThrow(AccessController::unknownToken);
    Role role =
        request.workspace() == null
            ? null
            : roles.roleOf(user.id(), request.workspace()).orElse(null);
    return new ResolveResponse(
        user.id().toString(),
        user.name(),
        user.admin(),
        request.workspace(),
        role == null ? null : role.label(),
        null);
  }

  /**
   * A run token acts as its submitter in the run's workspace, with the submitter's role there now
   * but never more than Contributor (an administrator's counts as Contributor): never as an
   * administrator, in no other workspace, and not at all once the submitter has left it.
   */
  private ResolveResponse resolveRun(RunToken token, String workspace) {
    User user = users.findById(token.userId()).orElseThrow(AccessController::unknownToken);
    Role role = null;
    if (token.workspaceName().equals(workspace)) {
      Role own = user.admin() ? Role.CONTRIBUTOR : roles.roleOf(user.id(), workspace).orElse(null);
      role = own != null && own.atLeast(Role.CONTRIBUTOR) ? Role.CONTRIBUTOR : own;
    }
    return new ResolveResponse(
        user.id().toString(),
        user.name(),
        false,
        workspace,
        role == null ? null : role.label(),
        token.runName());
  }

  private static KilnException unknownToken() {
    return new KilnException(
        HttpStatus.UNAUTHORIZED,
        "unauthenticated",
        "The token is unknown, expired or revoked.",
        false);
  }
}
