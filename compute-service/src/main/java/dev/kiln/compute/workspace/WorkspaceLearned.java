package dev.kiln.compute.workspace;

import java.util.UUID;

/**
 * compute-service has just learnt of a workspace, from {@code WorkspaceCreated} or by asking
 * workspace-service. Published in-process, synchronously, inside the transaction that records the
 * workspace, so listeners' writes commit or roll back with it.
 *
 * @param workspaceId the workspace's id
 * @param name its name
 */
public record WorkspaceLearned(UUID workspaceId, String name) {}
