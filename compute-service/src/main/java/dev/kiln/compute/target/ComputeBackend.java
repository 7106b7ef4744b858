package dev.kiln.compute.target;

import java.util.Locale;
import java.util.Optional;

/** Where the workloads of a compute target run. */
public enum ComputeBackend {
  /** Processes on the machine that runs compute-service. */
  LOCAL,
  /** Containers of a Docker engine. */
  DOCKER,
  /** Kubernetes Jobs. */
  KUBERNETES;

  /** The name in specs, responses and the {@code backend} column: {@code local}... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The backend of {@code label}, whatever its case; empty for anything else. */
  public static Optional<ComputeBackend> of(String label) {
    for (ComputeBackend backend : values()) {
      if (backend.label().equalsIgnoreCase(label)) {
        return Optional.of(backend);
      }
    }
    return Optional.empty();
  }
}
