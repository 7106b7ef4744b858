package dev.kiln.workspace.environment;

import java.util.Map;

/** A spec that passed validation: its content, hash and the descriptive parts that are not. */
record EnvironmentDefinition(
    EnvironmentContent content,
    String contentHash,
    String description,
    Map<String, String> tags,
    String condaFile) {}
