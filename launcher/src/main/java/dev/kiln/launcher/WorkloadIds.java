package dev.kiln.launcher;

import java.util.regex.Pattern;

/** The rule for workload ids, which name folders, containers and Kubernetes objects. */
public final class WorkloadIds {

  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,48}[a-z0-9]");

  private WorkloadIds() {}

  public static void requireValid(String id) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "Workload id '"
              + id
              + "' must be 2-50 lower-case letters, digits and '-', starting with a letter");
    }
  }
}
