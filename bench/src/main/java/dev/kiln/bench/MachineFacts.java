package dev.kiln.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the numbers were measured on, for the head of the report. */
public final class MachineFacts {

  private MachineFacts() {}

  /**
   * Date, cores, memory, CPU, OS, the load average and the client's JDK, then {@code extra} (from
   * the script).
   */
  public static Map<String, String> collect(ZonedDateTime now, Map<String, String> extra) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(
        "Date",
        now.withZoneSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                .replaceFirst("\\.\\d+$", "")
            + "Z");
    facts.put("Cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    String memory = firstLineStartingWith(Path.of("/proc/meminfo"), "MemTotal:");
    if (memory != null) {
      long kib = Long.parseLong(memory.replaceAll("\\D", ""));
      facts.put("Memory", String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0));
    }
    String cpu = firstLineStartingWith(Path.of("/proc/cpuinfo"), "model name");
    if (cpu != null) {
      facts.put("CPU", cpu.substring(cpu.indexOf(':') + 1).trim());
    }
    facts.put(
        "OS",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
    String load = firstLineStartingWith(Path.of("/proc/loadavg"), "");
    if (load != null) {
      // Anything else running shares the cores with what is measured: this shows whether it did.
      facts.put("Load average at start", load.split(" ")[0]);
    }
    facts.put(
        "Client JDK",
        System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
    facts.putAll(extra);
    return facts;
  }

  private static String firstLineStartingWith(Path file, String prefix) {
    try (var lines = Files.lines(file)) {
      return lines.filter(line -> line.startsWith(prefix)).findFirst().orElse(null);
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not readable: the report simply goes without this fact.
      return null;
    }
  }

  /** Adds a fact given as {@code KEY=VALUE} (the benchmarks' {@code --fact} option). */
  public static void putGiven(Map<String, String> facts, String keyValue) {
    int equals = keyValue.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException("--fact wants KEY=VALUE, not '" + keyValue + "'.");
    }
    facts.put(keyValue.substring(0, equals).trim(), keyValue.substring(equals + 1).trim());
  }
}
