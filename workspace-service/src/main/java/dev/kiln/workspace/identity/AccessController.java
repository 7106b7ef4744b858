package dev.kiln.workspace.identity;

import dev.kiln.common.auth.Role;
import dev.kiln.common.error.KilnException;
import dev.kiln.workspace.identity.UserRequests.ResolveRequest;
import dev.kiln.workspace.identity.UserRequests.ResolveResponse;
import dev.kiln.workspace.workspace.WorkspaceRoles;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For the gateway only ({@code /internal/} routes need a system identity): who holds a token and
 * which role they have in the workspace a request addresses.
 */
@RestController
class AccessController {

  private final TokenService tokens;
  private final UserRepository users;
  private final WorkspaceRoles roles;

  AccessController(TokenService tokens, UserRepository users, WorkspaceRoles roles) {
    this.tokens = tokens;
    this.users = users;
    this.roles = roles;
  }

  @PostMapping("/internal/v1/access/resolve")
  @Transactional
  public ResolveResponse resolve(@Valid @RequestBody ResolveRequest request) {
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
        role == null ? null : role.label());
  }

  private static KilnException unknownToken() {
    return new KilnException(
        HttpStatus.UNAUTHORIZED,
        "unauthenticated",
        "The token is unknown, expired or revoked.",
        false);
  }
}
