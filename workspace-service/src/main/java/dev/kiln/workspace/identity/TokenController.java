package dev.kiln.workspace.identity;

import dev.kiln.common.auth.CurrentIdentity;
import dev.kiln.common.auth.Identity;
import dev.kiln.common.paging.Page;
import dev.kiln.workspace.identity.UserRequests.CreateTokenRequest;
import dev.kiln.workspace.identity.UserRequests.CreatedTokenResponse;
import dev.kiln.workspace.identity.UserRequests.TokenResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own personal access tokens. A workload calling with a run token may use none of
 * these routes, although its submitter could.
 */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

  private final TokenService tokens;

  TokenController(TokenService tokens) {
    this.tokens = tokens;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CreatedTokenResponse create(@Valid @RequestBody CreateTokenRequest request) {
    RunTokenService.refuseRunCaller(CurrentIdentity.get());
    return tokens.create(callerId(), request.name(), request.expiresInDays());
  }

  @GetMapping
  Page<TokenResponse> list() {
    RunTokenService.refuseRunCaller(CurrentIdentity.get());
    return new Page<>(tokens.list(callerId()), null);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable UUID id) {
    Identity caller = CurrentIdentity.get();
    RunTokenService.refuseRunCaller(caller);
    tokens.revoke(id, callerId(), caller.admin());
  }

  private static UUID callerId() {
    return UUID.fromString(CurrentIdentity.get().subject());
  }
}
