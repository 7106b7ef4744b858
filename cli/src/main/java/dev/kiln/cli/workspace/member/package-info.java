/**
 * The {@code kiln workspace member} commands over {@code /api/v1/workspaces/{workspace}/members},
 * for the workspace that {@code -w}, {@code KILN_WORKSPACE} or the config file selects.
 */
package dev.kiln.cli.workspace.member;
