package dev.kiln.compute.workspace;

import java.util.UUID;

/**
 * A workspace was deleted and compute-service has forgotten it. Published in-process,
 * synchronously, inside the transaction that removes it from the projection.
 *
 * @param workspaceId the deleted workspace's id
 */
public record WorkspaceForgotten(UUID workspaceId) {}
