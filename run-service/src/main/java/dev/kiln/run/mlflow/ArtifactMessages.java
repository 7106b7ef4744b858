package dev.kiln.run.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The bodies of MLflow's artifacts proxy, with MLflow's field names. */
final class ArtifactMessages {

  private ArtifactMessages() {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FileInfoJson(String path, boolean isDir, Long fileSize) {}

  /** MLflow leaves {@code files} out when a folder is empty or the path is a file. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record ListResponse(List<FileInfoJson> files) {}

  /**
   * Starts a multipart upload into the folder of the URL.
   *
   * @param path the client's local file: its name is the uploaded file's name
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CreateUploadRequest(String path, Long numParts) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Credential(String url, int partNumber, Map<String, String> headers) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CreateUploadResponse(String uploadId, List<Credential> credentials) {}

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Part(Integer partNumber, String etag, String url) {}

  /** Completes ({@code parts} given) or aborts an upload. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record UploadRequest(String path, String uploadId, List<Part> parts) {}
}
