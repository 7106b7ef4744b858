package dev.kiln.run.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A file or folder among a run's artifacts.
 *
 * @param path relative to the run's artifact root, as MLflow lists it ({@code outputs/model.pkl})
 * @param isDir whether this is a folder (a common prefix of files; folders are never stored)
 * @param size the file's length in bytes; {@code null} for a folder
 */
public record ArtifactEntry(
    String path,
    @JsonProperty("isDir") boolean isDir,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long size) {

  static ArtifactEntry file(String path, long size) {
    return new ArtifactEntry(path, false, size);
  }

  static ArtifactEntry folder(String path) {
    return new ArtifactEntry(path, true, null);
  }
}
