/**
 * Workspaces: the top-level container of everything else. Creating and deleting one is announced on
 * {@code kiln.workspaces}.
 */
package dev.kiln.workspace.workspace;
