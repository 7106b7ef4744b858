package dev.kiln.cli.data;

import java.util.Locale;

/** Byte counts for people: {@code 512 B}, {@code 12.4 MB} (decimal units, one decimal). */
public final class Sizes {

  private static final String[] UNITS = {"KB", "MB", "GB", "TB", "PB"};

  private Sizes() {}

  /** A byte count for people, e.g. {@code 12.4 MB}. */
  public static String human(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 999.95 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** {@code 1 file}, {@code 3 files}. */
  public static String files(int count) {
    return count + (count == 1 ? " file" : " files");
  }
}
