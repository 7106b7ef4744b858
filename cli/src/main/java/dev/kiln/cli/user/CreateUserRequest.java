package dev.kiln.cli.user;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of {@code POST /api/v1/users}; a missing display name is left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CreateUserRequest(String name, String displayName, boolean admin) {}
