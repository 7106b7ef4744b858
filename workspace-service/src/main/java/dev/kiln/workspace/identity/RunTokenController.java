package dev.kiln.workspace.identity;

import dev.kiln.workspace.identity.RunTokenRequests.IssueRunTokenRequest;
import dev.kiln.workspace.identity.RunTokenRequests.IssuedRunToken;
import dev.kiln.workspace.identity.RunTokenRequests.RevokeRunTokensRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * For compute-service only ({@code /internal/} routes need a system identity): a token for a run's
 * workload when it starts, and revocation of all of the run's tokens when it ends.
 */
@RestController
@RequestMapping("/internal/v1/run-tokens")
class RunTokenController {

  private final RunTokenService tokens;

  RunTokenController(RunTokenService tokens) {
    this.tokens = tokens;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  IssuedRunToken issue(@Valid @RequestBody IssueRunTokenRequest request) {
    return tokens.issue(request);
  }

  @PostMapping("/revoke")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@Valid @RequestBody RevokeRunTokensRequest request) {
    tokens.revokeAll(request.runId());
  }
}
