package dev.kiln.run.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A committed snapshot.
 *
 * @param id the SHA-256 of its canonical manifest
 * @param files its files in canonical order, or {@code null} where only the summary is wanted
 */
public record Snapshot(
    String id,
    int fileCount,
    long totalBytes,
    Instant createdAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<SnapshotFile> files) {

  Snapshot summary() {
    return new Snapshot(id, fileCount, totalBytes, createdAt, null);
  }
}
