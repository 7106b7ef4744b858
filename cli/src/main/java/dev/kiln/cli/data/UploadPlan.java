package dev.kiln.cli.data;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * What {@code kiln data create} uploads for a local path, under a content-addressed prefix of the
 * workspaceblobstore, so that the same content always lands in the same place and uploading it
 * again changes nothing.
 *
 * <ul>
 *   <li>A file goes to {@code LocalUpload/<first 16 hex of its SHA-256>/<file name>}; its type
 *       defaults to {@code uri_file}.
 *   <li>A folder: every regular file below it, at any depth, goes to {@code
 *       LocalUpload/<hash>/<relative path>}, where the hash is the first 16 hex of the SHA-256 over
 *       the lines {@code <relative path> TAB <sha256 of the file> LF}, sorted by path (Java string
 *       order). Symbolic links are skipped, as are other special files. Its type defaults to {@code
 *       uri_folder}.
 * </ul>
 *
 * Names with a backslash or a control character are refused (exit 2), as is a folder without files.
 *
 * @param source the local file or folder
 * @param folder whether {@code source} is a folder
 * @param prefix the folder in the workspaceblobstore, {@code LocalUpload/<hash>}
 * @param files the files to upload, sorted by relative path
 * @param skippedLinks how many symbolic links (and other special files) were left out
 */
public record UploadPlan(
    Path source, boolean folder, String prefix, List<UploadFile> files, int skippedLinks) {

  /** The folder of the workspaceblobstore that local uploads go to. */
  public static final String ROOT = "LocalUpload";

  static final String URI_FILE = "uri_file";
  static final String URI_FOLDER = "uri_folder";
  static final String MLTABLE = "mltable";

  public UploadPlan {
    files = List.copyOf(files);
  }

  /**
   * The plan for {@code source}, a file or a folder (a symbolic link given here is followed).
   *
   * @throws CliException (exit 2) when it does not exist, cannot be read, is neither a file nor a
   *     folder, holds a name that cannot be uploaded, or is a folder without files
   */
  public static UploadPlan of(Path source) {
    if (Files.isDirectory(source)) {
      return forFolder(source);
    }
    if (Files.isRegularFile(source)) {
      return forFile(source);
    }
    if (!Files.exists(source)) {
      throw usage("cannot upload '" + source + "': no such file or folder");
    }
    throw usage("cannot upload '" + source + "': not a regular file or a folder");
  }

  /** The plan for one file. */
  static UploadPlan forFile(Path file) {
    String name = checkedName(file.getFileName().toString(), file);
    UploadFile upload = hashed(file, name);
    return new UploadPlan(
        file, false, ROOT + "/" + upload.sha256().substring(0, 16), List.of(upload), 0);
  }

  /**
   * The plan for every regular file below {@code folder}; a symbolic link to a folder given here is
   * followed, links below it are not.
   */
  static UploadPlan forFolder(Path folder) {
    Walk walk;
    try {
      Path start = folder.toRealPath();
      walk = new Walk(start);
      Files.walkFileTree(start, walk);
    } catch (IOException e) {
      throw unreadable(folder, e);
    }
    if (walk.files.isEmpty()) {
      throw usage(
          "cannot upload '"
              + folder
              + "': the folder has no files"
              + (walk.skipped > 0 ? " (only symbolic links, which are skipped)" : ""));
    }
    List<UploadFile> files =
        walk.files.stream().sorted(Comparator.comparing(UploadFile::relativePath)).toList();
    String lines =
        files.stream()
            .map(file -> file.relativePath() + "\t" + file.sha256() + "\n")
            .collect(Collectors.joining());
    return new UploadPlan(
        folder, true, ROOT + "/" + Sha256.of(lines).substring(0, 16), files, walk.skipped);
  }

  /** The path to register: the prefix for a folder, the file below it for a file. */
  String remotePath() {
    return folder ? prefix : files.get(0).remotePath(prefix);
  }

  /** The type a data asset of this upload has when its spec names none. */
  String defaultType() {
    return folder ? URI_FOLDER : URI_FILE;
  }

  /**
   * The type to register: {@code declared}, else the default. A {@code uri_file} must be a file, a
   * {@code uri_folder} or {@code mltable} a folder.
   *
   * @throws IllegalArgumentException when the declared type does not fit
   */
  public String typeFor(String declared) {
    if (declared == null) {
      return defaultType();
    }
    if (declared.equals(URI_FILE) && folder) {
      throw new IllegalArgumentException(
          "type uri_file needs a file, but '" + source + "' is a folder; use type uri_folder");
    }
    if ((declared.equals(URI_FOLDER) || declared.equals(MLTABLE)) && !folder) {
      throw new IllegalArgumentException(
          "type "
              + declared
              + " needs a folder, but '"
              + source
              + "' is a file; use type uri_file");
    }
    return declared;
  }

  /** The bytes of all files. */
  long totalBytes() {
    return files.stream().mapToLong(UploadFile::size).sum();
  }

  private static UploadFile hashed(Path file, String relativePath) {
    try {
      return new UploadFile(file, relativePath, Sha256.of(file), Files.size(file));
    } catch (IOException e) {
      throw unreadable(file, e);
    }
  }

  /** {@code name} when it can be uploaded: no backslash, no control character. */
  private static String checkedName(String name, Path file) {
    if (name.chars().anyMatch(c -> c == '\\' || Character.isISOControl(c))) {
      throw usage(
          "cannot upload '"
              + shown(name)
              + "' (in '"
              + shown(file.toString())
              + "'): names with a backslash or a control character are not allowed; rename it");
    }
    return name;
  }

  /** Control characters as {@code ?}, so a message stays one line. */
  private static String shown(String text) {
    return text.codePoints()
        .map(c -> Character.isISOControl(c) ? '?' : c)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
  }

  private static CliException unreadable(Path path, IOException e) {
    String reason =
        e instanceof AccessDeniedException
            ? "permission denied"
            : e instanceof NoSuchFileException
                ? "it disappeared"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new CliException(
        ExitCode.USAGE, "cannot upload '" + shown(path.toString()) + "': " + reason, e);
  }

  private static CliException usage(String message) {
    return new CliException(ExitCode.USAGE, message);
  }

  /** Collects the regular files below a folder, without following symbolic links. */
  private static final class Walk extends SimpleFileVisitor<Path> {
    private final Path root;
    private final List<UploadFile> files = new ArrayList<>();
    private int skipped;

    Walk(Path root) {
      this.root = root;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
      if (!attributes.isRegularFile()) {
        skipped++;
        return FileVisitResult.CONTINUE;
      }
      files.add(hashed(file, relative(file)));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      throw unreadable(file, e);
    }

    private String relative(Path file) {
      return StreamSupport.stream(root.relativize(file).spliterator(), false)
          .map(part -> checkedName(part.toString(), file))
          .collect(Collectors.joining("/"));
    }
  }
}
