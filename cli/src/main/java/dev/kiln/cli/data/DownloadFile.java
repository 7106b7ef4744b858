package dev.kiln.cli.data;

import java.nio.file.Path;

/**
 * One file that {@code kiln data download} fetches.
 *
 * @param remote the path in the workspaceblobstore, or the URL
 * @param url whether {@code remote} is an {@code https://} URL
 * @param relative its path below the output folder, for progress lines
 * @param target where it is written
 * @param size its size in bytes, or -1 when unknown
 * @param sha256 its hex SHA-256 as the server lists it, or {@code null} when unknown
 */
record DownloadFile(
    String remote, boolean url, String relative, Path target, long size, String sha256) {}
