/**
 * compute-service's projection of workspaces, kept from the events of {@code kiln.workspaces}, so
 * that compute-service can tell a known workspace without calling workspace-service. Other packages
 * learn of workspaces coming and going through {@link dev.kiln.compute.workspace.WorkspaceLearned}
 * and {@link dev.kiln.compute.workspace.WorkspaceForgotten}.
 */
package dev.kiln.compute.workspace;
