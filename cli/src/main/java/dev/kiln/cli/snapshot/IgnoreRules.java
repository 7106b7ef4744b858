package dev.kiln.cli.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The ignore files of a code folder, as Azure ML reads them: in each folder, {@code .amlignore} if
 * there is one, otherwise {@code .gitignore}, both in gitignore syntax; a deeper file's rules win
 * over a shallower one's. The {@code .git} folder is never part of a snapshot.
 */
final class IgnoreRules {

  static final String AML_IGNORE = ".amlignore";
  static final String GIT_IGNORE = ".gitignore";

  /** The rules of one folder, with that folder's path relative to the root. */
  private record Level(String folder, IgnoreNode rules) {}

  private final Deque<Level> levels = new ArrayDeque<>();

  /** Reads the ignore file of {@code folder} (at {@code relative} below the root), if any. */
  void enter(Path folder, String relative) throws IOException {
    Path file = folder.resolve(AML_IGNORE);
    if (!Files.isRegularFile(file)) {
      file = folder.resolve(GIT_IGNORE);
    }
    IgnoreNode rules = new IgnoreNode();
    if (Files.isRegularFile(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        rules.parse(in);
      }
    }
    levels.push(new Level(relative, rules));
  }

  void leave() {
    levels.pop();
  }

  /** Whether the entry at {@code relative} (slash-separated, from the root) is left out. */
  boolean ignored(String relative, boolean directory) {
    if (directory && (relative.equals(".git") || relative.endsWith("/.git"))) {
      return true;
    }
    Iterator<Level> deepestFirst = levels.iterator();
    while (deepestFirst.hasNext()) {
      Level level = deepestFirst.next();
      String below =
          level.folder().isEmpty() ? relative : relative.substring(level.folder().length() + 1);
      Boolean verdict = level.rules().checkIgnored(below, directory);
      if (verdict != null) {
        return verdict;
      }
    }
    return false;
  }
}
