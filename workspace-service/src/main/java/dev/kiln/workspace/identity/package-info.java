/**
 * Users, their personal access tokens, and run tokens. Tokens are shown once, when made, and kept
 * only as SHA-256 hashes; the gateway asks {@code /internal/v1/access/resolve} who a token belongs
 * to and what role its user holds in the workspace a request addresses. A run token, issued to a
 * job's workload by compute-service ({@code /internal/v1/run-tokens}), acts as the run's submitter
 * with Contributor in the run's workspace only, and is revoked when the run ends.
 */
package dev.kiln.workspace.identity;
