package dev.kiln.run.mlflow;

import dev.kiln.common.storage.ObjectStore;
import dev.kiln.run.artifact.ArtifactEntry;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/**
 * The files under one MLflow artifact URI: a run's artifacts or a logged model's files. Paths are
 * relative to the root and already safe; the empty path is the root. Nothing here runs inside a
 * database transaction.
 */
interface ArtifactRoot {

  /** Stores the content as file {@code path}, streaming; {@code length} is -1 when unknown. */
  void put(String path, InputStream content, long length);

  /** The length of file {@code path}; a missing file is a 404. */
  long size(String path);

  /** Opens file {@code path}; the caller closes the stream. */
  InputStream open(String path);

  /** The immediate children of folder {@code dir}, paths relative to the root. */
  List<ArtifactEntry> list(String dir);

  /** Deletes file {@code path} and everything in folder {@code path}. */
  void delete(String path);

  String startUpload(String path);

  URI presignPart(String path, String uploadId, int partNumber);

  void completeUpload(String path, String uploadId, List<ObjectStore.Part> parts);

  void abortUpload(String path, String uploadId);
}
