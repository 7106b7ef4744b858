package dev.kiln.workspace.workspace;

import dev.kiln.common.id.Names;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/workspaces}. */
record CreateWorkspaceRequest(
    @NotNull
        @Pattern(
            regexp = Names.WORKSPACE,
            message =
                "must be 3 to 33 letters, digits, hyphens or underscores, starting with a letter"
                    + " or digit")
        String name,
    @Size(max = 1000) String description) {}
