package dev.kiln.workspace.data;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A data asset version as the API shows it. */
record DataResponse(
    UUID id,
    String name,
    String version,
    String type,
    String path,
    String description,
    Map<String, String> tags,
    String contentHash,
    boolean archived,
    Instant createdAt) {}
