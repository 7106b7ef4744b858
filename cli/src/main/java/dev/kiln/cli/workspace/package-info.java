/** The {@code kiln workspace} commands over {@code /api/v1/workspaces}. */
package dev.kiln.cli.workspace;
