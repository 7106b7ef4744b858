package dev.kiln.launcher.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small in-memory tar archives: what the engine's copy and build endpoints take. */
final class Tars {

  private Tars() {}

  /**
   * A tar of {@code folders} (created empty, writable by anyone, since the image may run as another
   * user) followed by {@code files}; paths are relative and use {@code /}.
   */
  static byte[] of(List<String> folders, Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (String folder : folders) {
        TarArchiveEntry entry = new TarArchiveEntry(folder.endsWith("/") ? folder : folder + "/");
        entry.setMode(040777);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
      }
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setMode(0100644);
        entry.setSize(file.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
