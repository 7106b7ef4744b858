package dev.kiln.run.job;

import jakarta.validation.constraints.Size;
import java.util.Map;

/** A tracking-only run, created by Kiln's own clients and MLflow users: nothing runs it. */
record TrackingRunRequest(
    String name,
    @Size(max = 256) String displayName,
    @Size(max = 5000) String description,
    String experimentName,
    String parent,
    Map<String, String> tags,
    Map<String, String> properties,
    @Size(max = 64) String snapshotId,
    String status) {}
