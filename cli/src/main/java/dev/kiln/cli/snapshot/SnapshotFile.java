package dev.kiln.cli.snapshot;

import java.nio.file.Path;

/**
 * One file of a snapshot.
 *
 * @param path its path below the folder, slash-separated
 * @param file where it is on disk
 */
record SnapshotFile(String path, Path file, long size, String sha256) {}
