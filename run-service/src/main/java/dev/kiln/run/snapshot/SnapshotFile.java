package dev.kiln.run.snapshot;

/**
 * One file of a snapshot.
 *
 * @param path relative to the snapshot's root, following the rules of artifact paths
 * @param sha256 the SHA-256 of its content, 64 lower-case hex digits
 * @param size its length in bytes
 */
public record SnapshotFile(String path, String sha256, Long size) {}
