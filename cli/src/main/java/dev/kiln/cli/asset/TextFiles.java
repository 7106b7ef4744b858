package dev.kiln.cli.asset;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the local text files a spec refers to, such as a conda file or a requirements file. */
public final class TextFiles {

  private TextFiles() {}

  /**
   * The UTF-8 text of {@code file}.
   *
   * @param what what the file is, for messages, e.g. {@code conda file}
   * @param written the path as the spec wrote it
   * @param spec the spec file that refers to it
   * @throws CliException (exit 2) naming the file when it cannot be read
   */
  public static String read(Path file, String what, String written, AssetSpec spec) {
    String prefix =
        "cannot read "
            + what
            + " '"
            + written
            + "' of "
            + spec.source()
            + (written.equals(file.toString()) ? "" : " (" + file + ")")
            + ": ";
    if (Files.isDirectory(file)) {
      throw usage(prefix + "it is a folder", null);
    }
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw usage(prefix + "no such file (relative paths start at the spec file's folder)", e);
    } catch (AccessDeniedException e) {
      throw usage(prefix + "permission denied", e);
    } catch (CharacterCodingException e) {
      throw usage(prefix + "not UTF-8 text", e);
    } catch (IOException e) {
      throw usage(prefix + (e.getMessage() == null ? "read failed" : e.getMessage()), e);
    }
  }

  private static CliException usage(String message, Throwable cause) {
    return new CliException(ExitCode.USAGE, message, cause);
  }
}
