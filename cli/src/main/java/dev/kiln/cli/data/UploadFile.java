package dev.kiln.cli.data;

/**
 * One local file of an {@link UploadPlan}.
 *
 * @param source where it is on disk
 * @param relativePath its path in the upload, {@code /}-separated: the file name for a single file,
 *     the path below the folder for a folder
 * @param sha256 the hex SHA-256 of its content
 * @param size its size in bytes
 */
public record UploadFile(java.nio.file.Path source, String relativePath, String sha256, long size) {

  /** Its path in the workspaceblobstore, below {@code prefix}. */
  String remotePath(String prefix) {
    return prefix + "/" + relativePath;
  }
}
