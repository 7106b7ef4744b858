package dev.kiln.cli.data;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.http.HttpFailures;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where a downloaded file goes: a path the server sent, below the output folder, and never outside
 * it. Paths that are empty or absolute, or hold a backslash, a control character, an empty, {@code
 * .} or {@code ..} segment are refused, and so is a folder on the way that is a symbolic link.
 */
public final class DownloadTarget {

  private DownloadTarget() {}

  /**
   * {@code relative} (a {@code /}-separated path the server sent) below {@code dir}.
   *
   * @throws CliException (exit 1) when it is not a plain relative path that stays in {@code dir}
   */
  public static Path resolve(Path dir, String relative) {
    String problem = problem(relative);
    Path base = dir.toAbsolutePath().normalize();
    Path target = null;
    if (problem == null) {
      try {
        target = base.resolve(relative).normalize();
      } catch (InvalidPathException e) {
        problem = "is not a valid local path";
      }
    }
    if (problem == null && (!target.startsWith(base) || target.equals(base))) {
      problem = "leads outside the folder";
    }
    if (problem != null) {
      throw refused(relative, problem, dir);
    }
    return target;
  }

  /**
   * Creates the folders between {@code dir} and {@code target} (made by {@link #resolve}), refusing
   * to go through a symbolic link, which could lead out of {@code dir}.
   *
   * @throws CliException (exit 1) on a symbolic link or a file on the way, or when a folder cannot
   *     be created
   */
  public static void prepare(Path dir, Path target) {
    Path base = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(base);
      Path folder = base;
      for (Path part : base.relativize(target.getParent())) {
        folder = folder.resolve(part);
        if (Files.isSymbolicLink(folder)) {
          throw refused(
              base.relativize(target).toString(), "goes through a symbolic link, " + folder, dir);
        }
        if (!Files.isDirectory(folder)) {
          Files.createDirectory(folder);
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw new CliException(
          ExitCode.UNEXPECTED,
          "cannot create folder '" + e.getFile() + "': a file of that name is in the way",
          e);
    } catch (AccessDeniedException e) {
      throw new CliException(
          ExitCode.UNEXPECTED, "cannot create folder '" + e.getFile() + "': permission denied", e);
    } catch (IOException e) {
      throw new CliException(
          ExitCode.UNEXPECTED,
          "cannot create the folder of '" + target + "': " + HttpFailures.describe(e),
          e);
    }
  }

  /** What is wrong with {@code relative}, or {@code null} when it is a plain relative path. */
  static String problem(String relative) {
    if (relative == null || relative.isEmpty()) {
      return "is empty";
    }
    if (relative.indexOf('\\') >= 0) {
      return "holds a backslash";
    }
    if (relative.chars().anyMatch(Character::isISOControl)) {
      return "holds a control character";
    }
    if (relative.startsWith("/")) {
      return "is absolute";
    }
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty()) {
        return "has an empty segment";
      }
      if (segment.equals(".") || segment.equals("..")) {
        return "has a '" + segment + "' segment";
      }
    }
    try {
      Path path = Path.of(relative);
      if (path.isAbsolute() || path.getRoot() != null) {
        return "is absolute";
      }
    } catch (InvalidPathException e) {
      return "is not a valid local path";
    }
    return null;
  }

  private static CliException refused(String relative, String problem, Path dir) {
    String shown = relative == null ? "" : relative.replaceAll("\\p{Cntrl}", "?");
    return new CliException(
        ExitCode.UNEXPECTED,
        "refusing to download '"
            + shown
            + "': the path the server sent "
            + problem
            + "; it must stay inside '"
            + dir
            + "'");
  }
}
