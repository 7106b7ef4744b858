package dev.kiln.run.snapshot;

import dev.kiln.common.crypto.Hashes;
import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.run.artifact.ArtifactPaths;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A snapshot's files, checked and in canonical order (by path, in Unicode code point order, which
 * is the order of their UTF-8 bytes). See the package description for the canonical form.
 */
final class Manifest {

  static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Comparator<SnapshotFile> CANONICAL =
      (a, b) -> Arrays.compareUnsigned(utf8(a.path()), utf8(b.path()));

  private final List<SnapshotFile> files;

  private Manifest(List<SnapshotFile> files) {
    this.files = files;
  }

  /**
   * Checks every entry: a safe path, a SHA-256, a size of 0 or more; no path twice, and no file
   * where another one's folder must be ({@code a} beside {@code a/b}), which no archive can hold.
   *
   * @throws InvalidRequestException 400 naming the first entry that breaks a rule
   */
  static Manifest of(List<SnapshotFile> files) {
    if (files == null) {
      throw new InvalidRequestException(
          "invalid_manifest", "The body needs 'files': [{path, sha256, size}, ...].");
    }
    Set<String> paths = new HashSet<>();
    for (SnapshotFile file : files) {
      if (file == null) {
        throw new InvalidRequestException(
            "invalid_manifest", "Every file is an object {path, sha256, size}; one is null.");
      }
      ArtifactPaths.requireSafe(file.path(), "invalid_snapshot_path", "snapshot file path");
      requireSha256(file.sha256());
      if (file.size() == null || file.size() < 0) {
        throw new InvalidRequestException(
            "invalid_size", "File '" + file.path() + "' needs a size of 0 bytes or more.");
      }
      if (!paths.add(file.path())) {
        throw new InvalidRequestException(
            "duplicate_path", "File '" + file.path() + "' is listed twice.");
      }
    }
    for (String path : paths) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        if (paths.contains(path.substring(0, slash))) {
          throw new InvalidRequestException(
              "path_conflict",
              "'" + path.substring(0, slash) + "' is a file and the folder of '" + path + "'.");
        }
      }
    }
    List<SnapshotFile> sorted = new ArrayList<>(files);
    sorted.sort(CANONICAL);
    return new Manifest(List.copyOf(sorted));
  }

  /** A manifest this service wrote, read back without checks. */
  static Manifest fromJson(String json) {
    return new Manifest(
        List.copyOf(JSON.readValue(json, new TypeReference<List<SnapshotFile>>() {})));
  }

  /**
   * Checks a SHA-256 in lower-case hex.
   *
   * @throws InvalidRequestException 400 {@code invalid_sha256}
   */
  static String requireSha256(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new InvalidRequestException(
          "invalid_sha256", "'" + shown(sha256) + "' is not a SHA-256: 64 lower-case hex digits.");
    }
    return sha256;
  }

  String toJson() {
    return JSON.writeValueAsString(files);
  }

  /** The snapshot's id: the SHA-256 of the canonical form. */
  String id() {
    StringBuilder canonical = new StringBuilder();
    for (SnapshotFile file : files) {
      canonical
          .append(file.sha256())
          .append(' ')
          .append(file.size())
          .append(' ')
          .append(file.path())
          .append('\n');
    }
    return Hashes.sha256Hex(canonical.toString());
  }

  List<SnapshotFile> files() {
    return files;
  }

  int fileCount() {
    return files.size();
  }

  long totalBytes() {
    return files.stream().mapToLong(SnapshotFile::size).sum();
  }

  /** The distinct digests, in canonical order of their first file. */
  Set<String> digests() {
    Set<String> digests = new LinkedHashSet<>();
    files.forEach(f -> digests.add(f.sha256()));
    return digests;
  }

  /** The {@code count} biggest files, biggest first. */
  List<SnapshotFile> biggest(int count) {
    return files.stream()
        .sorted(Comparator.comparingLong(SnapshotFile::size).reversed().thenComparing(CANONICAL))
        .limit(count)
        .toList();
  }

  /** Text a client sent, as it is safe to echo: control characters as '?', cut short. */
  private static String shown(String text) {
    if (text == null) {
      return "null";
    }
    String cut = text.length() > 70 ? text.substring(0, 70) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
