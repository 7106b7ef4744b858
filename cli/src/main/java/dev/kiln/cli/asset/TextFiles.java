package dev.kiln.cli.asset;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.spec.SpecFile;
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
    return SpecFile.readText(
        file, prefix, "no such file (relative paths start at the spec file's folder)");
  }
}
