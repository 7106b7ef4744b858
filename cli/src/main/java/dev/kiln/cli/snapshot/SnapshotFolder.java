package dev.kiln.cli.snapshot;

import dev.kiln.cli.data.Sha256;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The files of a code folder that go into a snapshot: regular files not left out by the ignore
 * files ({@link IgnoreRules}); symbolic links are skipped, so nothing outside the folder is read.
 *
 * @param ignored how many files and folders the ignore files left out
 * @param skippedLinks how many symbolic links were skipped
 */
public record SnapshotFolder(Path root, List<SnapshotFile> files, int ignored, int skippedLinks) {

  long totalBytes() {
    return files.stream().mapToLong(SnapshotFile::size).sum();
  }

  /** Scans and hashes the folder. */
  public static SnapshotFolder scan(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new CliException(ExitCode.USAGE, "code folder '" + folder + "' is not a folder");
    }
    Walk walk = new Walk();
    try {
      Path start = folder.toRealPath();
      walk.root = start;
      Files.walkFileTree(start, walk);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.USAGE, "cannot read code folder '" + folder + "': " + e.getMessage(), e);
    }
    List<SnapshotFile> files =
        walk.files.stream().sorted(Comparator.comparing(SnapshotFile::path)).toList();
    return new SnapshotFolder(walk.root, files, walk.ignored, walk.links);
  }

  private static final class Walk extends SimpleFileVisitor<Path> {
    private Path root;
    private final IgnoreRules rules = new IgnoreRules();
    private final List<SnapshotFile> files = new ArrayList<>();
    private int ignored;
    private int links;

    private String relative(Path path) {
      return root.relativize(path).toString().replace('\\', '/');
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
        throws IOException {
      String relative = relative(dir);
      if (!relative.isEmpty() && rules.ignored(relative, true)) {
        ignored++;
        return FileVisitResult.SKIP_SUBTREE;
      }
      rules.enter(dir, relative);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
      rules.leave();
      if (failure != null) {
        throw failure;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
      if (attributes.isSymbolicLink()) {
        links++;
        return FileVisitResult.CONTINUE;
      }
      if (!attributes.isRegularFile()) {
        return FileVisitResult.CONTINUE;
      }
      String relative = relative(file);
      if (rules.ignored(relative, false)) {
        ignored++;
        return FileVisitResult.CONTINUE;
      }
      files.add(new SnapshotFile(relative, file, attributes.size(), Sha256.of(file)));
      return FileVisitResult.CONTINUE;
    }
  }
}
