/**
 * Users and their personal access tokens. Tokens are shown once, when made, and kept only as
 * SHA-256 hashes; the gateway asks {@code /internal/v1/access/resolve} who a token belongs to and
 * what role its user holds in the workspace a request addresses.
 */
package dev.kiln.workspace.identity;
