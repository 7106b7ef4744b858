package dev.kiln.cli.config;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import dev.kiln.cli.output.Mappers;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code $KILN_HOME/config.yaml}: a flat YAML map ({@code url}, {@code token}, {@code workspace}).
 * It may hold a token, so it is written owner-only (0600, in a folder created 0700) on POSIX file
 * systems, and replaced atomically so that a crash never leaves half a file.
 */
public final class ConfigFile {

  static final String FILE_NAME = "config.yaml";

  private final Path path;

  public ConfigFile(Path kilnHome) {
    this.path = kilnHome.resolve(FILE_NAME);
  }

  /** Where the file lives. */
  public Path path() {
    return path;
  }

  /** The scalar entries of the file; empty when the file does not exist. */
  public Map<String, String> read() {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : readTree().properties()) {
      if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
        values.put(entry.getKey(), entry.getValue().asString());
      }
    }
    return values;
  }

  /** Sets one key, keeping every other entry of the file, and writes the file. */
  public void set(String key, String value) {
    ObjectNode tree = readTree();
    tree.put(key, value);
    try {
      writeOwnerOnly(Mappers.YAML.writeValueAsString(tree));
    } catch (IOException e) {
      throw new CliException(
          ExitCode.UNEXPECTED, "cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  private ObjectNode readTree() {
    if (!Files.exists(path)) {
      return Mappers.YAML.createObjectNode();
    }
    try {
      JsonNode tree = Mappers.YAML.readTree(Files.readString(path));
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return Mappers.YAML.createObjectNode();
      }
      if (tree instanceof ObjectNode object) {
        return object;
      }
      throw invalid("expected a map of keys to values", null);
    } catch (IOException | JacksonException e) {
      throw invalid(e.getMessage(), e);
    }
  }

  private CliException invalid(String why, Exception cause) {
    String firstLine = why == null ? "" : why.lines().findFirst().orElse("");
    return new CliException(
        ExitCode.USAGE, "invalid config file " + path + ": " + firstLine, cause);
  }

  private void writeOwnerOnly(String content) throws IOException {
    Path folder = path.toAbsolutePath().getParent();
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder, posixAttribute(posix, "rwx------"));
    }
    Path temporary =
        Files.createTempFile(folder, ".config", ".tmp", posixAttribute(posix, "rw-------"));
    try {
      Files.writeString(temporary, content);
      try {
        Files.move(
            temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
    if (posix) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static FileAttribute<?>[] posixAttribute(boolean posix, String permissions) {
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        }
        : new FileAttribute<?>[0];
  }
}
