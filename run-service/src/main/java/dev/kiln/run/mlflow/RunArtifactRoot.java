package dev.kiln.run.mlflow;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.storage.ObjectKeys;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.artifact.ArtifactEntry;
import dev.kiln.run.artifact.ArtifactService;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunStorage;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/** A run's artifacts, through Kiln's artifact service. */
final class RunArtifactRoot implements ArtifactRoot {

  private final ArtifactService artifacts;
  private final ObjectStore objects;
  private final Run run;

  RunArtifactRoot(ArtifactService artifacts, ObjectStore objects, Run run) {
    this.artifacts = artifacts;
    this.objects = objects;
    this.run = run;
  }

  @Override
  public void put(String path, InputStream content, long length) {
    artifacts.put(run, path, content, length);
  }

  @Override
  public long size(String path) {
    return artifacts.stat(run, path).size();
  }

  @Override
  public InputStream open(String path) {
    return artifacts.open(run, path);
  }

  @Override
  public List<ArtifactEntry> list(String dir) {
    return artifacts.list(run, dir, false);
  }

  /** The artifact service deletes nothing but whole runs, so this goes to the store itself. */
  @Override
  public void delete(String path) {
    if (run.deleted()) {
      throw new InvalidRequestException(
          "job_deleted",
          "Job '" + run.name() + "' is deleted; restore it to change its artifacts.");
    }
    String root = RunStorage.artifactPrefix(run.id());
    if (path.isEmpty()) {
      objects.deletePrefix(root);
      return;
    }
    String key = ObjectKeys.requireValidKey(root + path);
    objects.delete(key);
    objects.deletePrefix(key + "/");
  }

  @Override
  public String startUpload(String path) {
    return multipart(() -> artifacts.startUpload(run, path));
  }

  @Override
  public URI presignPart(String path, String uploadId, int partNumber) {
    return multipart(
        () ->
            artifacts
                .presignPart(run, path, uploadId, partNumber, ArtifactService.DEFAULT_TTL)
                .url());
  }

  @Override
  public void completeUpload(String path, String uploadId, List<ObjectStore.Part> parts) {
    multipart(() -> artifacts.completeUpload(run, path, uploadId, parts));
  }

  @Override
  public void abortUpload(String path, String uploadId) {
    multipart(
        () -> {
          artifacts.abortUpload(run, path, uploadId);
          return null;
        });
  }

  /** MLflow's client falls back to a plain upload only on MLflow's own refusal. */
  private static <T> T multipart(Supplier<T> call) {
    try {
      return call.get();
    } catch (KilnException e) {
      if ("multipart_unsupported".equals(e.code())) {
        throw MlflowError.multipartUnsupported();
      }
      throw e;
    }
  }
}
