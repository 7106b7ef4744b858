package dev.kiln.launcher;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to run.
 *
 * @param id the caller's name for the workload: lower-case letters, digits and {@code -}, at most
 *     50 characters, starting with a letter (it names containers, Jobs and folders)
 * @param kind run to completion, or a long-running service
 * @param image the container image; ignored by the local backend
 * @param command the program and its arguments, passed as they are (no shell)
 * @param environment environment variables of the workload's process
 * @param files files placed into {@link WorkloadLayout#filesDir()} before the command starts, by
 *     plain file name (letters, digits, {@code -}, {@code _} and {@code .}: what every backend can
 *     hold, a Kubernetes ConfigMap key included); the runner is one of them
 * @param resources what one instance needs
 * @param labels labels put on the containers, Jobs, Deployments (keys and values as Kubernetes
 *     allows them)
 * @param port the port a service listens on (services only; 0 for jobs)
 */
public record WorkloadSpec(
    String id,
    WorkloadKind kind,
    String image,
    List<String> command,
    Map<String, String> environment,
    Map<String, byte[]> files,
    Resources resources,
    Map<String, String> labels,
    int port) {

  public WorkloadSpec {
    WorkloadIds.requireValid(id);
    Objects.requireNonNull(kind, "kind");
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("A workload needs a command");
    }
    command = List.copyOf(command);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    files = files == null ? Map.of() : Map.copyOf(files);
    files.keySet().forEach(WorkloadSpec::requirePlainFileName);
    resources = resources == null ? Resources.NONE : resources;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  private static final Pattern FILE_NAME = Pattern.compile("[-._a-zA-Z0-9]+");

  private static void requirePlainFileName(String name) {
    if (!FILE_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          "Workload file name '"
              + name
              + "' must be a plain file name of letters, digits, '-', '_' and '.'");
    }
  }

  /** A run-to-completion workload. */
  public static WorkloadSpec job(
      String id,
      String image,
      List<String> command,
      Map<String, String> environment,
      Map<String, byte[]> files,
      Resources resources,
      Map<String, String> labels) {
    return new WorkloadSpec(
        id, WorkloadKind.JOB, image, command, environment, files, resources, labels, 0);
  }
}
