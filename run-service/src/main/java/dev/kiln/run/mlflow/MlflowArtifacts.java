package dev.kiln.run.mlflow;

import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.artifact.ArtifactEntry;
import dev.kiln.run.artifact.ArtifactService;
import dev.kiln.run.experiment.ExperimentService;
import dev.kiln.run.mlflow.ArtifactMessages.Credential;
import dev.kiln.run.mlflow.ArtifactMessages.FileInfoJson;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunService;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The artifacts proxy: maps a proxy path to a run's artifacts or a logged model's files and acts on
 * them. The run or model is looked up first (its experiment must be the path's), then the object
 * store is called outside any database transaction.
 */
@Service
class MlflowArtifacts {

  /** The most parts one multipart upload has (S3's limit). */
  private static final int MAX_PARTS = ObjectStore.MAX_PART_NUMBER;

  private final RunService runs;
  private final ExperimentService experiments;
  private final LoggedModels models;
  private final ArtifactService artifacts;
  private final ObjectStore objects;

  MlflowArtifacts(
      RunService runs,
      ExperimentService experiments,
      LoggedModels models,
      ArtifactService artifacts,
      ObjectStore objects) {
    this.runs = runs;
    this.experiments = experiments;
    this.models = models;
    this.artifacts = artifacts;
    this.objects = objects;
  }

  /** Streams {@code content} into the file at {@code location}. */
  void upload(UUID workspaceId, ArtifactLocation location, InputStream content, long length) {
    root(workspaceId, location, true).put(requireFile(location), content, length);
  }

  /** The file at {@code location}, with its length. */
  Download download(UUID workspaceId, ArtifactLocation location) {
    ArtifactRoot root = root(workspaceId, location, false);
    String file = requireFile(location);
    long size = root.size(file);
    return new Download(root.open(file), size);
  }

  /** The immediate children of the folder, named relative to it, as MLflow lists them. */
  List<FileInfoJson> list(UUID workspaceId, ArtifactLocation location) {
    String dir = location.path();
    List<FileInfoJson> files = new ArrayList<>();
    for (ArtifactEntry entry : root(workspaceId, location, false).list(dir)) {
      String name = dir.isEmpty() ? entry.path() : entry.path().substring(dir.length() + 1);
      files.add(new FileInfoJson(name, entry.isDir(), entry.isDir() ? null : entry.size()));
    }
    return files;
  }

  void delete(UUID workspaceId, ArtifactLocation location) {
    root(workspaceId, location, true).delete(location.path());
  }

  /**
   * Starts a multipart upload of {@code localFile}'s name into the folder at {@code folder}, with a
   * presigned URL for each of {@code parts} parts.
   */
  ArtifactMessages.CreateUploadResponse startUpload(
      UUID workspaceId, ArtifactLocation folder, String localFile, Long parts) {
    ArtifactLocation file = folder.resolve(fileName(localFile));
    int count = parts == null ? 1 : parts.intValue();
    if (parts != null && (parts < 1 || parts > MAX_PARTS)) {
      throw MlflowError.invalid("num_parts must be between 1 and " + MAX_PARTS + ".");
    }
    ArtifactRoot root = root(workspaceId, file, true);
    String uploadId = root.startUpload(file.path());
    List<Credential> credentials = new ArrayList<>(count);
    for (int part = 1; part <= count; part++) {
      credentials.add(
          new Credential(root.presignPart(file.path(), uploadId, part).toString(), part, Map.of()));
    }
    return new ArtifactMessages.CreateUploadResponse(uploadId, credentials);
  }

  void completeUpload(
      UUID workspaceId,
      ArtifactLocation folder,
      String localFile,
      String uploadId,
      List<ObjectStore.Part> parts) {
    ArtifactLocation file = folder.resolve(fileName(localFile));
    root(workspaceId, file, true).completeUpload(file.path(), uploadId, parts);
  }

  void abortUpload(UUID workspaceId, ArtifactLocation folder, String localFile, String uploadId) {
    ArtifactLocation file = folder.resolve(fileName(localFile));
    root(workspaceId, file, true).abortUpload(file.path(), uploadId);
  }

  /**
   * Whether clients may upload large files in parts straight to the store: only where the store
   * signs URLs (signing is local, nothing is sent).
   */
  boolean multipartUploads() {
    return objects.presignPut("mlflow/capability-probe", Duration.ofMinutes(1)).isPresent();
  }

  /** A file to stream back and its length. */
  record Download(InputStream content, long size) {}

  private ArtifactRoot root(UUID workspaceId, ArtifactLocation location, boolean write) {
    if (location.runId() != null) {
      Run run =
          write
              ? runs.requireActive(workspaceId, location.runId())
              : runs.require(workspaceId, location.runId());
      requireExperiment(location, run.experimentId(), "Run " + run.name());
      return new RunArtifactRoot(artifacts, objects, run);
    }
    LoggedModel model =
        write
            ? models.requireActive(workspaceId, location.modelId())
            : models.require(workspaceId, location.modelId());
    requireExperiment(location, model.experimentId(), "Logged model " + model.id());
    return new ModelArtifactRoot(objects, model);
  }

  private void requireExperiment(ArtifactLocation location, UUID experimentId, String what) {
    if (!experiments.byId(experimentId).mlflowId().equals(location.experimentId())) {
      throw MlflowError.notFound(
          what + " is not in experiment " + location.experimentId() + "; no such artifacts.");
    }
  }

  private static String requireFile(ArtifactLocation location) {
    if (location.path().isEmpty()) {
      throw MlflowError.invalid("The path names the artifact root, not a file.");
    }
    return location.path();
  }

  /** The name of the client's local file (a Windows client sends backslashes). */
  private static String fileName(String localFile) {
    MlflowError.require(localFile, "path");
    String name =
        localFile.substring(Math.max(localFile.lastIndexOf('/'), localFile.lastIndexOf('\\')) + 1);
    if (name.isEmpty()) {
      throw MlflowError.invalid("The path '" + localFile + "' names no file.");
    }
    return name;
  }
}
