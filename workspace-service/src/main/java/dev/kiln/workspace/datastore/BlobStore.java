package dev.kiln.workspace.datastore;

import dev.kiln.common.crypto.Hashes;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.NotFoundException;
import dev.kiln.common.storage.DownloadUrls;
import dev.kiln.common.storage.ObjectKeys;
import dev.kiln.common.storage.ObjectNotFoundException;
import dev.kiln.common.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workspaceblobstore: files of a workspace on the platform's object store, under {@code
 * workspaces/<workspace id>/blobstore/}. Every path is checked by {@link ObjectKeys}, so nothing
 * escapes the workspace's folder; each upload's SHA-256 is recorded for data asset hashes.
 */
@Component
public class BlobStore {

  /** A stored file: path relative to the store, SHA-256 and size. */
  public record FileInfo(String path, String sha256, long size, Instant updatedAt) {}

  private final ObjectStore objects;
  private final BlobFileRepository files;

  BlobStore(ObjectStore objects, BlobFileRepository files) {
    this.objects = objects;
    this.files = files;
  }

  /**
   * Streams {@code content} to {@code path}, replacing a file already there. Deliberately not
   * transactional: an upload may take minutes and must not hold a database connection; the row is
   * written after the object, so a row always describes a stored object.
   */
  public FileInfo put(UUID workspaceId, String path, InputStream content, long length) {
    ObjectKeys.requireValidKey(path);
    MessageDigest digest = Hashes.sha256();
    CountingStream counting = new CountingStream(new DigestInputStream(content, digest));
    objects.put(key(workspaceId, path), counting, length);
    FileInfo info =
        new FileInfo(
            path,
            HexFormat.of().formatHex(digest.digest()),
            counting.count(),
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    files.save(new BlobFile(workspaceId, path, info.sha256(), info.size(), info.updatedAt()));
    return info;
  }

  public InputStream open(UUID workspaceId, String path) {
    ObjectKeys.requireValidKey(path);
    try {
      return objects.get(key(workspaceId, path));
    } catch (ObjectNotFoundException e) {
      throw new NotFoundException("file_not_found", "No file at '" + path + "'.");
    }
  }

  /** The files under {@code prefix} (a folder path, or empty for all), sorted by path. */
  @Transactional(readOnly = true)
  public List<FileInfo> list(UUID workspaceId, String prefix) {
    String folder = prefix == null || prefix.isEmpty() ? "" : folderOf(prefix);
    return files.findUnder(workspaceId, escapeLike(folder) + "%").stream()
        .map(f -> new FileInfo(f.path(), f.sha256(), f.size(), f.updatedAt()))
        .toList();
  }

  /**
   * A URL per file that reads it straight from the object store, or its API path (below {@code
   * apiFiles}, which ends in {@code /files/}) when the store cannot sign: the one file at {@code
   * path}, or every file under it when {@code folder}. The caller has checked the path.
   *
   * @throws NotFoundException 404 {@code file_not_found} when there is no such file
   * @throws InvalidRequestException 400 {@code folder_too_large} beyond {@code maxFiles} files
   */
  @Transactional(readOnly = true)
  DownloadUrls downloadUrls(
      UUID workspaceId, String path, boolean folder, String apiFiles, int maxFiles) {
    List<BlobFile> chosen;
    if (folder) {
      chosen = files.findUnder(workspaceId, escapeLike(folderOf(path)) + "%");
      if (chosen.size() > maxFiles) {
        throw DatastoreService.tooManyFiles(path, maxFiles);
      }
    } else {
      chosen =
          List.of(
              files
                  .findById(new BlobFile.Key(workspaceId, path))
                  .orElseThrow(
                      () -> new NotFoundException("file_not_found", "No file at '" + path + "'.")));
    }
    List<DownloadUrls.File> urls = new ArrayList<>();
    for (BlobFile file : chosen) {
      urls.add(
          DownloadUrls.File.signedOr(
              objects.presignGet(key(workspaceId, file.path()), DownloadUrls.VALIDITY),
              file.path(),
              file.size(),
              apiFiles));
    }
    return DownloadUrls.signedNow(urls);
  }

  /**
   * The content hash of a file or folder: SHA-256 over the sorted {@code relative path, TAB,
   * sha256} lines of its files; empty when nothing is there.
   */
  @Transactional(readOnly = true)
  public Optional<String> contentHash(UUID workspaceId, String path, boolean folder) {
    ObjectKeys.requireValidPrefix(path);
    List<BlobFile> under =
        folder
            ? files.findUnder(workspaceId, escapeLike(folderOf(path)) + "%")
            : files.findById(new BlobFile.Key(workspaceId, path)).stream().toList();
    if (under.isEmpty()) {
      return Optional.empty();
    }
    MessageDigest digest = Hashes.sha256();
    String base = folder ? folderOf(path) : "";
    for (BlobFile file : under) {
      String relative = folder ? file.path().substring(base.length()) : file.path();
      digest.update((relative + "\t" + file.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return Optional.of(HexFormat.of().formatHex(digest.digest()));
  }

  private static String folderOf(String path) {
    if (path.isEmpty()) {
      return "";
    }
    return path.endsWith("/") ? path : path + "/";
  }

  private static String key(UUID workspaceId, String path) {
    return "workspaces/" + workspaceId + "/blobstore/" + path;
  }

  private static String escapeLike(String value) {
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  /** Counts the bytes read, for uploads of unknown length. */
  private static final class CountingStream extends java.io.FilterInputStream {
    private long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    long count() {
      return count;
    }
  }

  static InvalidRequestException notUploadable(String datastore) {
    return new InvalidRequestException(
        "not_uploadable",
        "Files can be uploaded to and read from workspaceblobstore only, not '" + datastore + "'.");
  }
}
