package dev.kiln.cli.token;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /api/v1/tokens}; without {@code expiresInDays} the server's default
 * applies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CreateTokenRequest(String name, Integer expiresInDays) {}
