package dev.kiln.cli.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of {@code POST /api/v1/workspaces}; a missing description is left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CreateWorkspaceRequest(String name, String description) {}
