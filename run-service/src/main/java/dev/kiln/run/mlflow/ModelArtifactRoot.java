package dev.kiln.run.mlflow;

import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.storage.InvalidUploadPartsException;
import dev.kiln.common.storage.ObjectInfo;
import dev.kiln.common.storage.ObjectKeyConflictException;
import dev.kiln.common.storage.ObjectKeys;
import dev.kiln.common.storage.ObjectNotFoundException;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.common.storage.ObjectStoreException;
import dev.kiln.common.storage.UnsupportedStoreOperationException;
import dev.kiln.common.storage.UploadNotFoundException;
import dev.kiln.run.artifact.ArtifactEntry;
import dev.kiln.run.artifact.ArtifactService;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A logged model's files, straight in the object store under {@link LoggedModel#storagePrefix()}:
 * the artifact service keeps only runs' artifacts. The caller has refused writes to a deleted
 * model.
 */
final class ModelArtifactRoot implements ArtifactRoot {

  private final ObjectStore objects;
  private final LoggedModel model;

  ModelArtifactRoot(ObjectStore objects, LoggedModel model) {
    this.objects = objects;
    this.model = model;
  }

  @Override
  public void put(String path, InputStream content, long length) {
    Counting counted = new Counting(content);
    try {
      objects.put(key(path), counted, length);
    } catch (ObjectKeyConflictException e) {
      throw new ConflictException(
          "artifact_path_conflict",
          "Model file '" + path + "' clashes with a file or folder of the same name.");
    } catch (ObjectStoreException e) {
      if (counted.failed || (length >= 0 && counted.count < length)) {
        throw new InvalidRequestException(
            "incomplete_upload",
            "The upload of model file '"
                + path
                + "' ended after "
                + counted.count
                + " bytes; nothing was stored.");
      }
      throw e;
    }
  }

  @Override
  public long size(String path) {
    return objects.stat(key(path)).orElseThrow(() -> notFound(path)).size();
  }

  @Override
  public InputStream open(String path) {
    try {
      return objects.get(key(path));
    } catch (ObjectNotFoundException e) {
      throw notFound(path);
    }
  }

  @Override
  public List<ArtifactEntry> list(String dir) {
    String root = model.storagePrefix();
    String folder = dir.isEmpty() ? "" : key(dir).substring(root.length()) + "/";
    Map<String, ArtifactEntry> entries = new LinkedHashMap<>();
    for (ObjectInfo object : objects.list(root + folder)) {
      String path = object.key().substring(root.length());
      int slash = path.indexOf('/', folder.length());
      if (slash < 0) {
        entries.put(path, new ArtifactEntry(path, false, object.size()));
      } else {
        String sub = path.substring(0, slash);
        entries.putIfAbsent(sub, new ArtifactEntry(sub, true, null));
      }
    }
    List<ArtifactEntry> sorted = new ArrayList<>(entries.values());
    sorted.sort(Comparator.comparing(ArtifactEntry::path));
    return sorted;
  }

  @Override
  public void delete(String path) {
    if (path.isEmpty()) {
      objects.deletePrefix(model.storagePrefix());
      return;
    }
    String key = key(path);
    objects.delete(key);
    objects.deletePrefix(key + "/");
  }

  @Override
  public String startUpload(String path) {
    return multipart(() -> objects.startMultipart(key(path)));
  }

  @Override
  public URI presignPart(String path, String uploadId, int partNumber) {
    return multipart(
        () -> objects.presignPart(key(path), uploadId, partNumber, ArtifactService.DEFAULT_TTL));
  }

  @Override
  public void completeUpload(String path, String uploadId, List<ObjectStore.Part> parts) {
    multipart(
        () -> {
          objects.completeMultipart(key(path), uploadId, parts);
          return null;
        });
  }

  @Override
  public void abortUpload(String path, String uploadId) {
    multipart(
        () -> {
          objects.abortMultipart(key(path), uploadId);
          return null;
        });
  }

  private String key(String path) {
    return ObjectKeys.requireValidKey(model.storagePrefix() + path);
  }

  private <T> T multipart(Supplier<T> call) {
    try {
      return call.get();
    } catch (UnsupportedStoreOperationException e) {
      throw MlflowError.multipartUnsupported();
    } catch (UploadNotFoundException e) {
      throw new NotFoundException(
          "upload_not_found", "No such upload of a file of model '" + model.id() + "' is open.");
    } catch (InvalidUploadPartsException e) {
      throw new InvalidRequestException(
          "invalid_parts",
          "The parts do not complete the upload: one was not uploaded, its ETag differs, or a"
              + " part but the last is under 5 MiB. The upload is still open.");
    }
  }

  private NotFoundException notFound(String path) {
    return new NotFoundException(
        "artifact_not_found", "Model '" + model.id() + "' has no file '" + path + "'.");
  }

  /** Counts the bytes of an upload and notes whether the client's stream failed. */
  private static final class Counting extends FilterInputStream {

    private long count;
    private boolean failed;

    Counting(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = guard(() -> super.read());
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = guard(() -> super.read(buffer, offset, length));
      if (n > 0) {
        count += n;
      }
      return n;
    }

    private int guard(IoRead read) throws IOException {
      try {
        return read.get();
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    private interface IoRead {
      int get() throws IOException;
    }
  }
}
