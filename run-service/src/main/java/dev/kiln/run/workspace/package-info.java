/**
 * run-service's projection of workspaces, kept from the events of {@code kiln.workspaces}, so that
 * run-service can tell a known workspace without calling workspace-service.
 */
package dev.kiln.run.workspace;
