package dev.kiln.compute.execution;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.launcher.Launcher;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The launchers this replica can drive, by backend name. */
public class Launchers implements AutoCloseable {

  private final Map<String, Launcher> byBackend = new TreeMap<>();

  public Launchers(Launcher... launchers) {
    for (Launcher launcher : launchers) {
      byBackend.put(launcher.backend(), launcher);
    }
  }

  /**
   * The launcher of {@code backend}.
   *
   * @throws InvalidRequestException 400 {@code backend_unavailable} when this platform does not
   *     drive that backend
   */
  public Launcher of(String backend) {
    Launcher launcher = byBackend.get(backend);
    if (launcher == null) {
      throw new InvalidRequestException(
          "backend_unavailable",
          "This platform runs no '" + backend + "' workloads; it runs " + byBackend.keySet());
    }
    return launcher;
  }

  public Set<String> backends() {
    return byBackend.keySet();
  }

  @Override
  public void close() {
    byBackend.values().forEach(Launcher::close);
  }
}
