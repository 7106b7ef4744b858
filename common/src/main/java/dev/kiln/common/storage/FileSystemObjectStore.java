package dev.kiln.common.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Keeps each object as a file under a root folder: key {@code a/b/c} is the file {@code
 * <root>/a/b/c}.
 *
 * <p>A write goes to a hidden temporary file in the target's folder, is flushed to disk, and is
 * then renamed over the target in one atomic step, so readers see the old object or the new one,
 * never a part. Every resolved path is checked to stay under the root, also after following
 * symbolic links. Folders left empty by deletes are removed.
 *
 * <p>Beyond {@link ObjectKeys}, this store refuses segments longer than {@value #MAX_SEGMENT_BYTES}
 * bytes (a file name limit) and segments starting with {@value #TEMP_PREFIX} (its temporary files),
 * and it cannot hold both {@code a} and {@code a/b} ({@link ObjectKeyConflictException}).
 *
 * <p>No URL reaches a folder on a server's disk, so this store signs none: the presign methods
 * answer empty, and multipart uploads, whose parts travel only through signed URLs, throw {@link
 * UnsupportedStoreOperationException}. Clients upload and download through the services instead.
 */
public final class FileSystemObjectStore implements ObjectStore {

  static final String TEMP_PREFIX = ".kiln-upload-";
  static final int MAX_SEGMENT_BYTES = 255;
  private static final int CREATE_ATTEMPTS = 5;

  private final Path root;

  /** Opens the store rooted at {@code root}, creating the folder when missing. */
  public FileSystemObjectStore(Path root) {
    try {
      this.root = Files.createDirectories(root).toRealPath();
    } catch (IOException e) {
      throw new ObjectStoreException("Cannot open object store folder " + root, e);
    }
  }

  /** The real path of the root folder. */
  public Path root() {
    return root;
  }

  @Override
  public void put(String key, InputStream content, long length) {
    if (length < -1) {
      throw new IllegalArgumentException("length must be -1 (unknown) or >= 0: " + length);
    }
    Path target = resolve(key);
    Path temp = createTempFile(key, target.getParent());
    boolean moved = false;
    try {
      copy(content, temp, length);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } catch (IOException e) {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new ObjectKeyConflictException(key, "objects are stored under '" + key + "/'");
      }
      throw new ObjectStoreException("Cannot write object '" + key + "'", e);
    } finally {
      if (!moved) {
        deleteQuietly(temp);
      }
    }
  }

  @Override
  public InputStream get(String key) {
    Path file = resolve(key);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new ObjectNotFoundException(key);
      }
      return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException | NotDirectoryException e) {
      throw new ObjectNotFoundException(key);
    } catch (IOException e) {
      throw new ObjectStoreException("Cannot read object '" + key + "'", e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    Path file = resolve(key);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? Optional.of(info(key, attributes)) : Optional.empty();
    } catch (IOException e) {
      // Missing, or a parent is a file ("Not a directory"): either way there is no object.
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      throw new ObjectStoreException("Cannot read attributes of object '" + key + "'", e);
    }
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    ObjectKeys.requireValidPrefix(prefix);
    int slash = prefix.lastIndexOf('/');
    Path folder = slash < 0 ? root : confine(root.resolve(prefix.substring(0, slash)));
    String namePrefix = prefix.substring(slash + 1);
    List<ObjectInfo> objects = new ArrayList<>();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return objects;
    }
    try (var children = Files.list(folder)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        if (child.getFileName().toString().startsWith(namePrefix)) {
          walk(child, objects);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return objects;
    } catch (IOException e) {
      throw new ObjectStoreException("Cannot list objects under '" + prefix + "'", e);
    }
    objects.sort(Comparator.comparing(ObjectInfo::key));
    return objects;
  }

  @Override
  public boolean delete(String key) {
    Path file = resolve(key);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !Files.deleteIfExists(file)) {
        return false;
      }
    } catch (IOException e) {
      throw new ObjectStoreException("Cannot delete object '" + key + "'", e);
    }
    removeEmptyFolders(file.getParent());
    return true;
  }

  @Override
  public int deletePrefix(String prefix) {
    int deleted = 0;
    for (ObjectInfo object : list(prefix)) {
      // Listed keys come from walking the root, so they resolve inside it.
      Path file = root.resolve(object.key());
      try {
        if (Files.deleteIfExists(file)) {
          deleted++;
        }
      } catch (IOException e) {
        throw new ObjectStoreException("Cannot delete object '" + object.key() + "'", e);
      }
      removeEmptyFolders(file.getParent());
    }
    return deleted;
  }

  @Override
  public Optional<URI> presignGet(String key, Duration ttl) {
    resolve(key);
    ObjectStore.requireValidTtl(ttl);
    return Optional.empty();
  }

  @Override
  public Optional<URI> presignPut(String key, Duration ttl) {
    resolve(key);
    ObjectStore.requireValidTtl(ttl);
    return Optional.empty();
  }

  @Override
  public String startMultipart(String key) {
    resolve(key);
    throw noMultipart();
  }

  @Override
  public URI presignPart(String key, String uploadId, int partNumber, Duration ttl) {
    resolve(key);
    throw noMultipart();
  }

  @Override
  public void completeMultipart(String key, String uploadId, List<Part> parts) {
    resolve(key);
    throw noMultipart();
  }

  @Override
  public void abortMultipart(String key, String uploadId) {
    resolve(key);
    throw noMultipart();
  }

  @Override
  public String toString() {
    return "FileSystemObjectStore[" + root + "]";
  }

  private static UnsupportedStoreOperationException noMultipart() {
    return new UnsupportedStoreOperationException(
        "The filesystem object store has no multipart uploads: their parts travel through signed"
            + " URLs, which it cannot give; upload the whole object through the service instead");
  }

  /** Validates the key and resolves it under the root, refusing anything that would leave it. */
  private Path resolve(String key) {
    ObjectKeys.requireValidKey(key);
    for (String segment : key.split("/")) {
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw new InvalidObjectKeyException(
            "Object key segments must be at most " + MAX_SEGMENT_BYTES + " bytes on this store");
      }
      if (segment.startsWith(TEMP_PREFIX)) {
        throw new InvalidObjectKeyException(
            "Object key segments must not start with '" + TEMP_PREFIX + "' on this store");
      }
    }
    Path path = root.resolve(key).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new InvalidObjectKeyException("Object key '" + key + "' resolves outside the store");
    }
    return confine(path);
  }

  /**
   * Defence in depth against symbolic links planted under the root: the deepest existing ancestor
   * of {@code path} (or the path itself) must really be inside the root, and no missing part of it
   * may be a dangling link.
   */
  private Path confine(Path path) {
    for (Path existing = path; existing != null; existing = existing.getParent()) {
      Path real;
      try {
        real = existing.toRealPath();
      } catch (IOException e) {
        if (Files.isSymbolicLink(existing)) {
          throw outside(path); // a dangling link: whatever it points at is not ours
        }
        continue; // not there (or changing under a concurrent write): its parent decides
      }
      if (!real.startsWith(root)) {
        throw outside(path);
      }
      return path;
    }
    throw outside(path);
  }

  private InvalidObjectKeyException outside(Path path) {
    return new InvalidObjectKeyException(
        "Object key '" + keyOf(path) + "' resolves outside the store");
  }

  private Path createTempFile(String key, Path folder) {
    for (int attempt = 1; ; attempt++) {
      try {
        Files.createDirectories(folder);
        confine(folder);
        return Files.createTempFile(folder, TEMP_PREFIX, ".tmp");
      } catch (FileAlreadyExistsException | NotDirectoryException e) {
        // Either an object really sits where a folder must be, or a concurrent delete removed the
        // folder between two steps of createDirectories: only the first is a conflict.
        if (anObjectIsOnTheWay(folder)) {
          throw new ObjectKeyConflictException(key, "an object is stored under one of its parents");
        }
        if (attempt == CREATE_ATTEMPTS) {
          throw new ObjectStoreException("Cannot create folder for object '" + key + "'", e);
        }
      } catch (NoSuchFileException e) {
        // A concurrent delete removed the folder after it was created: create it again.
        if (attempt == CREATE_ATTEMPTS) {
          throw new ObjectStoreException("Cannot create folder for object '" + key + "'", e);
        }
      } catch (IOException e) {
        throw new ObjectStoreException("Cannot create folder for object '" + key + "'", e);
      }
    }
  }

  private boolean anObjectIsOnTheWay(Path folder) {
    for (Path part = folder; part != null && part.startsWith(root); part = part.getParent()) {
      if (Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
    }
    return false;
  }

  private static void copy(InputStream content, Path temp, long length) throws IOException {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(channel);
      long copied = length < 0 ? content.transferTo(out) : copyExactly(content, out, length);
      if (length >= 0 && copied < length) {
        throw new ObjectStoreException(
            "The content ended after " + copied + " of " + length + " bytes");
      }
      channel.force(true);
    }
  }

  private static long copyExactly(InputStream in, OutputStream out, long length)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long copied = 0;
    while (copied < length) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
      if (read < 0) {
        break;
      }
      out.write(buffer, 0, read);
      copied += read;
    }
    return copied;
  }

  private void walk(Path start, List<ObjectInfo> objects) throws IOException {
    Files.walkFileTree(
        start,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = file.getFileName().toString();
            if (attributes.isRegularFile() && !name.startsWith(TEMP_PREFIX)) {
              objects.add(info(keyOf(file), attributes));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            // Deleted while we walked: it is simply not listed.
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }

  /** Removes {@code folder} and its ancestors below the root for as long as they are empty. */
  private void removeEmptyFolders(Path folder) {
    for (Path f = folder; f != null && f.startsWith(root) && !f.equals(root); f = f.getParent()) {
      try {
        Files.delete(f);
      } catch (IOException e) {
        return; // not empty (or already gone); an empty folder left behind would be harmless
      }
    }
  }

  private String keyOf(Path file) {
    return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }

  private static ObjectInfo info(String key, BasicFileAttributes attributes) {
    Instant modified = attributes.lastModifiedTime().toInstant();
    long modifiedNanos = modified.getEpochSecond() * 1_000_000_000L + modified.getNano();
    Object fileKey = attributes.fileKey();
    // A rewrite renames a new file into place, so the file identity changes with every write.
    String etag =
        Long.toHexString(attributes.size())
            + "-"
            + Long.toHexString(modifiedNanos)
            + (fileKey == null ? "" : "-" + Integer.toHexString(fileKey.hashCode()));
    return new ObjectInfo(key, attributes.size(), modified, etag);
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      // Temporary files are never listed; a leftover one only costs disk space.
    }
  }
}
