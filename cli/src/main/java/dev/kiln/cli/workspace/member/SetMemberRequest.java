package dev.kiln.cli.workspace.member;

/**
 * The body of {@code PUT /api/v1/workspaces/{workspace}/members/{user}}: {@code {"role":
 * "Reader"}}.
 */
record SetMemberRequest(Role role) {}
