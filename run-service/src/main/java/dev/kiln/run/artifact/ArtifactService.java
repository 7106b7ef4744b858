package dev.kiln.run.artifact;

import dev.kiln.common.error.ConflictException;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.storage.InvalidObjectKeyException;
import dev.kiln.common.storage.InvalidUploadPartsException;
import dev.kiln.common.storage.ObjectInfo;
import dev.kiln.common.storage.ObjectKeyConflictException;
import dev.kiln.common.storage.ObjectKeys;
import dev.kiln.common.storage.ObjectNotFoundException;
import dev.kiln.common.storage.ObjectStore;
import dev.kiln.common.storage.ObjectStoreException;
import dev.kiln.common.storage.UnsupportedStoreOperationException;
import dev.kiln.common.storage.UploadNotFoundException;
import dev.kiln.run.run.Run;
import dev.kiln.run.run.RunStorage;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A run's artifacts in the object store, under {@link RunStorage#artifactPrefix}. Every path is
 * checked with {@link ArtifactPaths} first; nothing here touches the database, so callers may use
 * it outside transactions (they must: object storage is never called inside one). Writing needs a
 * run that is not deleted; callers look it up with {@code RunService.requireActive}.
 */
@Service
public class ArtifactService {

  /** How long a presigned URL works when the client does not say. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

  private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9._~+=-]{1,1024}");
  private static final int MAX_ETAG_LENGTH = 256;

  private final ObjectStore objects;

  ArtifactService(ObjectStore objects) {
    this.objects = objects;
  }

  /**
   * Stores {@code content} as the artifact {@code path}, replacing any file there. Streams: the
   * content is never held in memory.
   *
   * @param length the number of bytes {@code content} will supply, or -1 when unknown
   * @return the stored file
   * @throws InvalidRequestException 400 {@code invalid_artifact_path}, {@code job_deleted}, or
   *     {@code incomplete_upload} when the content ends before {@code length} bytes or fails
   * @throws ConflictException 409 {@code artifact_path_conflict} when a file is where a folder must
   *     be, or the other way round (only on the filesystem store)
   */
  public ArtifactEntry put(Run run, String path, InputStream content, long length) {
    requireWritable(run);
    String key = key(run, path);
    CountingInputStream counted = new CountingInputStream(content);
    try {
      objects.put(key, counted, length);
    } catch (ObjectKeyConflictException e) {
      throw new ConflictException(
          "artifact_path_conflict",
          "Artifact '" + path + "' clashes with a file or folder of the same name.");
    } catch (ObjectStoreException e) {
      if (counted.cutShort(length)) {
        throw new InvalidRequestException(
            "incomplete_upload",
            "The upload of artifact '"
                + path
                + "' ended after "
                + counted.count()
                + " bytes"
                + (length >= 0 ? " of " + length : "")
                + "; nothing was stored.");
      }
      throw e;
    }
    return ArtifactEntry.file(path, counted.count());
  }

  /**
   * The artifact file {@code path}.
   *
   * @throws NotFoundException 404 {@code artifact_not_found} when no such file exists
   */
  public ArtifactEntry stat(Run run, String path) {
    ObjectInfo info = objects.stat(key(run, path)).orElseThrow(() -> notFound(path));
    return ArtifactEntry.file(path, info.size());
  }

  /**
   * Opens the artifact file {@code path} for reading; the caller closes the stream.
   *
   * @throws NotFoundException 404 {@code artifact_not_found} when no such file exists
   */
  public InputStream open(Run run, String path) {
    try {
      return objects.get(key(run, path));
    } catch (ObjectNotFoundException e) {
      throw notFound(path);
    }
  }

  /**
   * Lists the artifacts in folder {@code dir}, sorted by path. Not recursive, it answers the
   * folder's immediate children, with each sub-folder once (MLflow's {@code list_artifacts});
   * recursive, every file at any depth and no folders. A folder that does not exist, or a file,
   * lists nothing.
   *
   * @param dir a folder relative to the artifact root; {@code null} or empty for the root
   */
  public List<ArtifactEntry> list(Run run, String dir, boolean recursive) {
    String root = RunStorage.artifactPrefix(run.id());
    String folder =
        dir == null || dir.isEmpty() ? "" : key(run, dir).substring(root.length()) + "/";
    Map<String, ArtifactEntry> entries = new LinkedHashMap<>();
    for (ObjectInfo object : objects.list(root + folder)) {
      String path = object.key().substring(root.length());
      int slash = recursive ? -1 : path.indexOf('/', folder.length());
      if (slash < 0) {
        entries.put(path, ArtifactEntry.file(path, object.size()));
      } else {
        String sub = path.substring(0, slash);
        entries.putIfAbsent(sub, ArtifactEntry.folder(sub));
      }
    }
    List<ArtifactEntry> sorted = new ArrayList<>(entries.values());
    sorted.sort(Comparator.comparing(ArtifactEntry::path));
    return sorted;
  }

  /**
   * A URL that downloads ({@code GET}) or uploads ({@code PUT}) the artifact {@code path} straight
   * from or to the object store. A GET needs the file to exist; a PUT needs a run that is not
   * deleted.
   *
   * @throws KilnException 409 {@code presign_unsupported} when the store cannot sign URLs
   */
  public PresignedUrl presign(Run run, String path, PresignMethod method, Duration ttl) {
    String key = key(run, path);
    Duration checked = requireTtl(ttl);
    Instant expiresAt = Instant.now().plus(checked);
    Optional<URI> url;
    if (method == PresignMethod.PUT) {
      requireWritable(run);
      url = objects.presignPut(key, checked);
    } else {
      if (objects.stat(key).isEmpty()) {
        throw notFound(path);
      }
      url = objects.presignGet(key, checked);
    }
    return new PresignedUrl(
        url.orElseThrow(ArtifactService::presignUnsupported), method.name(), expiresAt);
  }

  /**
   * Starts a multipart upload of the artifact {@code path}: the client then asks for a URL per part
   * ({@link #presignPart}), uploads the parts there, and completes or aborts the upload.
   *
   * @return the upload's id
   * @throws KilnException 409 {@code multipart_unsupported} when the store has no multipart uploads
   */
  public String startUpload(Run run, String path) {
    requireWritable(run);
    String key = key(run, path);
    try {
      return objects.startMultipart(key);
    } catch (UnsupportedStoreOperationException e) {
      throw multipartUnsupported();
    }
  }

  /**
   * A URL to which the client PUTs part {@code partNumber} (1 to 10,000) of the upload; every part
   * but the last must be at least 5 MiB. The response's {@code ETag} header is what {@link
   * #completeUpload} needs.
   */
  public PresignedUrl presignPart(
      Run run, String path, String uploadId, int partNumber, Duration ttl) {
    requireWritable(run);
    String key = key(run, path);
    requireUploadId(uploadId);
    if (partNumber < 1 || partNumber > ObjectStore.MAX_PART_NUMBER) {
      throw new InvalidRequestException(
          "invalid_part_number",
          "Part numbers run from 1 to "
              + ObjectStore.MAX_PART_NUMBER
              + ", not "
              + partNumber
              + ".");
    }
    Duration checked = requireTtl(ttl);
    Instant expiresAt = Instant.now().plus(checked);
    try {
      return new PresignedUrl(
          objects.presignPart(key, uploadId, partNumber, checked), "PUT", expiresAt);
    } catch (UnsupportedStoreOperationException e) {
      throw multipartUnsupported();
    }
  }

  /**
   * Joins the uploaded parts into the artifact {@code path}, which then appears whole.
   *
   * @param parts each part's number and the ETag its upload answered, in any order
   * @throws InvalidRequestException 400 {@code invalid_parts} when the parts are malformed or do
   *     not match what was uploaded
   * @throws NotFoundException 404 {@code upload_not_found} when no such upload is in progress
   */
  public ArtifactEntry completeUpload(
      Run run, String path, String uploadId, List<ObjectStore.Part> parts) {
    requireWritable(run);
    String key = key(run, path);
    requireUploadId(uploadId);
    requireParts(parts);
    try {
      objects.completeMultipart(key, uploadId, parts);
    } catch (UploadNotFoundException e) {
      throw uploadNotFound(uploadId, path);
    } catch (InvalidUploadPartsException e) {
      throw new InvalidRequestException(
          "invalid_parts",
          "The parts do not complete upload '"
              + uploadId
              + "': one was not uploaded, its ETag differs, or a part but the last is under 5"
              + " MiB. The upload is still open.");
    } catch (UnsupportedStoreOperationException e) {
      throw multipartUnsupported();
    }
    return stat(run, path);
  }

  /**
   * Abandons the upload and frees its parts; an artifact already at {@code path} is untouched.
   *
   * @throws NotFoundException 404 {@code upload_not_found} when no such upload is in progress
   */
  public void abortUpload(Run run, String path, String uploadId) {
    requireWritable(run);
    String key = key(run, path);
    requireUploadId(uploadId);
    try {
      objects.abortMultipart(key, uploadId);
    } catch (UploadNotFoundException e) {
      throw uploadNotFound(uploadId, path);
    } catch (UnsupportedStoreOperationException e) {
      throw multipartUnsupported();
    }
  }

  /**
   * One part of an upload as a client names it.
   *
   * @throws InvalidRequestException 400 {@code invalid_parts} when the number is not 1 to 10,000 or
   *     the ETag is missing
   */
  public static ObjectStore.Part part(Integer number, String etag) {
    if (number == null) {
      throw new InvalidRequestException("invalid_parts", "Every part needs its number.");
    }
    try {
      return new ObjectStore.Part(number, etag);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("invalid_parts", e.getMessage() + ".");
    }
  }

  /**
   * The time to live a client asked for, in seconds, or {@link #DEFAULT_TTL} when it did not.
   *
   * @throws InvalidRequestException 400 {@code invalid_ttl} unless it is 1 second to 7 days
   */
  public static Duration ttl(Long seconds) {
    return requireTtl(seconds == null ? DEFAULT_TTL : Duration.ofSeconds(seconds));
  }

  private static Duration requireTtl(Duration ttl) {
    try {
      return ObjectStore.requireValidTtl(ttl);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "invalid_ttl",
          "A presigned URL lives 1 to "
              + ObjectStore.MAX_PRESIGN_TTL.toSeconds()
              + " seconds (7 days), not "
              + ttl.toSeconds()
              + ".");
    }
  }

  /** The object key of artifact {@code path}, checked whole (the run's prefix counts too). */
  private static String key(Run run, String path) {
    ArtifactPaths.requireSafe(path);
    String key = RunStorage.artifactPrefix(run.id()) + path;
    try {
      // The prefix takes 52 of the 1,024 bytes an object key may have.
      return ObjectKeys.requireValidKey(key);
    } catch (InvalidObjectKeyException e) {
      throw new InvalidRequestException(
          "invalid_artifact_path",
          "The artifact path '"
              + ArtifactPaths.shown(path)
              + "' is too long once placed under the run's folder; keep it under "
              + (ObjectKeys.MAX_KEY_BYTES - RunStorage.artifactPrefix(run.id()).length())
              + " bytes.");
    }
  }

  private static void requireWritable(Run run) {
    if (run.deleted()) {
      throw new InvalidRequestException(
          "job_deleted",
          "Job '" + run.name() + "' is deleted; restore it before adding artifacts to it.");
    }
  }

  private static void requireUploadId(String uploadId) {
    if (uploadId == null || !UPLOAD_ID.matcher(uploadId).matches()) {
      throw new InvalidRequestException(
          "invalid_upload_id",
          "That is not an upload id Kiln gave: '" + shortened(uploadId) + "'.");
    }
  }

  private static void requireParts(List<ObjectStore.Part> parts) {
    if (parts == null || parts.isEmpty()) {
      throw new InvalidRequestException(
          "invalid_parts", "Completing an upload needs its parts: [{number, etag}, ...].");
    }
    if (parts.size() > ObjectStore.MAX_PART_NUMBER) {
      throw new InvalidRequestException(
          "invalid_parts", "An upload has at most " + ObjectStore.MAX_PART_NUMBER + " parts.");
    }
    Set<Integer> seen = new HashSet<>();
    for (ObjectStore.Part part : parts) {
      if (!seen.add(part.number())) {
        throw new InvalidRequestException(
            "invalid_parts", "Part " + part.number() + " is named twice.");
      }
      if (part.etag().length() > MAX_ETAG_LENGTH) {
        throw new InvalidRequestException(
            "invalid_parts", "The ETag of part " + part.number() + " is not one S3 gave.");
      }
    }
  }

  private static String shortened(String text) {
    return ArtifactPaths.shown(text == null ? "" : text);
  }

  private static NotFoundException notFound(String path) {
    return new NotFoundException("artifact_not_found", "Artifact '" + path + "' not found.");
  }

  private static NotFoundException uploadNotFound(String uploadId, String path) {
    return new NotFoundException(
        "upload_not_found",
        "No upload '"
            + shortened(uploadId)
            + "' of artifact '"
            + path
            + "' is in progress; it may have been completed or aborted.");
  }

  private static KilnException presignUnsupported() {
    return new KilnException(
        HttpStatus.CONFLICT,
        "presign_unsupported",
        "This Kiln keeps objects where no URL reaches them (the filesystem store), so it cannot"
            + " presign; upload with PUT and download with GET on .../artifacts/{path} instead.",
        false);
  }

  private static KilnException multipartUnsupported() {
    return new KilnException(
        HttpStatus.CONFLICT,
        "multipart_unsupported",
        "This Kiln keeps objects where no URL reaches them (the filesystem store), so it has no"
            + " multipart uploads; upload with PUT on .../artifacts/{path} instead.",
        false);
  }
}
