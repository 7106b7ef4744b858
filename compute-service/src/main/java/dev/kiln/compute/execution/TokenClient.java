package dev.kiln.compute.execution;

import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/** workspace-service's run tokens: one per run, given to its runner, revoked when it ends. */
@HttpExchange("/internal/v1/run-tokens")
interface TokenClient {

  @PostExchange
  Issued issue(@RequestBody Request request);

  @PostExchange("/revoke")
  void revoke(@RequestBody Revoke revoke);

  record Request(String workspace, UUID runId, String runName, UUID userId, long ttlSeconds) {}

  record Issued(String token, Instant expiresAt) {}

  record Revoke(UUID runId) {}
}
