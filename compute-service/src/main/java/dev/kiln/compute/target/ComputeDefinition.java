package dev.kiln.compute.target;

import dev.kiln.common.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a valid spec defines: every column of a compute target that the user chooses, defaults
 * applied.
 */
record ComputeDefinition(
    String name,
    ComputeBackend backend,
    ComputeKind kind,
    int minNodes,
    int maxNodes,
    int idleSeconds,
    int slotsPerNode,
    Double cpus,
    Long memoryMb,
    int gpus,
    String description,
    Map<String, String> tags) {

  static final String INVALID = "invalid_compute_spec";
  static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{1,31}");
  static final int MAX_NODES = 1000;
  static final int MAX_SLOTS = 256;
  static final int DEFAULT_IDLE_SECONDS = 120;

  private static final int MAX_DESCRIPTION = 1000;
  private static final int MAX_TAGS = 100;
  private static final double MAX_CPUS = 1024;
  private static final double MAX_MEMORY_GB = 65536;
  private static final int MAX_GPUS = 64;

  ComputeDefinition {
    tags = Map.copyOf(tags);
  }

  /**
   * The definition of compute {@code pathName} by {@code spec}.
   *
   * @throws InvalidRequestException ({@value #INVALID}) naming every problem of the spec
   */
  static ComputeDefinition of(String pathName, ComputeSpec spec, ComputeBackend defaultBackend) {
    List<String> problems = new ArrayList<>();
    requireValidName(pathName);
    if (spec.name() != null && !spec.name().equals(pathName)) {
      problems.add("the spec names '" + spec.name() + "' but the path names '" + pathName + "'");
    }
    ComputeKind kind = kind(spec, problems);
    ComputeBackend backend = defaultBackend;
    if (spec.backend() != null) {
      backend = ComputeBackend.of(spec.backend()).orElse(null);
      if (backend == null) {
        problems.add("backend '" + spec.backend() + "' is not one of local, docker, kubernetes");
      }
    }
    int min;
    int max;
    if (kind == ComputeKind.INSTANCE) {
      if (!isOneOrAbsent(spec.minInstances()) || !isOneOrAbsent(spec.maxInstances())) {
        problems.add(
            "a computeinstance is one node: leave out min_instances and max_instances or set"
                + " them to 1");
      }
      min = 1;
      max = 1;
    } else {
      min = spec.minInstances() == null ? 0 : spec.minInstances();
      max = spec.maxInstances() == null ? Math.max(1, min) : spec.maxInstances();
      checkNodes(min, max, problems);
    }
    int idle =
        spec.idleTimeBeforeScaleDown() == null
            ? DEFAULT_IDLE_SECONDS
            : spec.idleTimeBeforeScaleDown();
    if (idle < 0) {
      problems.add("idle_time_before_scale_down must not be negative, was " + idle);
    }
    int slots = spec.slotsPerNode() == null ? 1 : spec.slotsPerNode();
    if (slots < 1 || slots > MAX_SLOTS) {
      problems.add("slots_per_node must be between 1 and " + MAX_SLOTS + ", was " + slots);
    }
    ComputeSpec.Resources resources =
        spec.resources() == null ? new ComputeSpec.Resources(null, null, null) : spec.resources();
    checkResources(resources, problems);
    if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION) {
      problems.add("description must be at most " + MAX_DESCRIPTION + " characters");
    }
    Map<String, String> tags = tags(spec.tags(), problems);
    if (!problems.isEmpty()) {
      throw new InvalidRequestException(
          INVALID, "Invalid compute spec: " + String.join("; ", problems) + ".");
    }
    return new ComputeDefinition(
        pathName,
        backend,
        kind,
        min,
        max,
        idle,
        slots,
        resources.cpus(),
        resources.memoryGb() == null ? null : Math.round(resources.memoryGb() * 1024),
        resources.gpus() == null ? 0 : resources.gpus(),
        spec.description(),
        tags);
  }

  /**
   * Refuses a name that is not 2 to 32 letters, digits and hyphens, starting with a letter.
   *
   * @throws InvalidRequestException ({@value #INVALID})
   */
  static void requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          INVALID,
          "Invalid compute name '"
              + name
              + "': use 2 to 32 letters, digits and hyphens, starting with a letter.");
    }
  }

  /** Whether {@code target} holds exactly this definition (the name's case aside). */
  boolean sameAs(ComputeTarget target) {
    return sameScaling(target)
        && samePlacement(target)
        && Objects.equals(description, target.description())
        && tags.equals(target.tags());
  }

  /**
   * Whether jobs already on {@code target} would run the same under this definition: same backend,
   * kind, slots and resources per node. Node bounds, idle time, description and tags may change
   * under running jobs, as Azure ML allows.
   */
  boolean samePlacement(ComputeTarget target) {
    return backend == target.backend()
        && kind == target.kind()
        && slotsPerNode == target.slotsPerNode()
        && Objects.equals(cpus, target.cpus())
        && Objects.equals(memoryMb, target.memoryMb())
        && gpus == target.gpus();
  }

  private boolean sameScaling(ComputeTarget target) {
    return minNodes == target.minNodes()
        && maxNodes == target.maxNodes()
        && idleSeconds == target.idleSeconds();
  }

  private static ComputeKind kind(ComputeSpec spec, List<String> problems) {
    if (spec.type() == null) {
      boolean instance =
          spec.schema() != null
              && spec.schema().toLowerCase(Locale.ROOT).endsWith("computeinstance.schema.json");
      return instance ? ComputeKind.INSTANCE : ComputeKind.CLUSTER;
    }
    for (ComputeKind kind : ComputeKind.values()) {
      if (kind.azureType().equalsIgnoreCase(spec.type())) {
        return kind;
      }
    }
    problems.add(
        "type '"
            + spec.type()
            + "' is not supported: use amlcompute (a cluster) or computeinstance (one node),"
            + " with backend: local, docker or kubernetes");
    return ComputeKind.CLUSTER;
  }

  private static boolean isOneOrAbsent(Integer value) {
    return value == null || value == 1;
  }

  private static void checkNodes(int min, int max, List<String> problems) {
    if (min < 0) {
      problems.add("min_instances must not be negative, was " + min);
    }
    if (max < 1 || max > MAX_NODES) {
      problems.add("max_instances must be between 1 and " + MAX_NODES + ", was " + max);
    }
    if (min > max) {
      problems.add(
          "min_instances (" + min + ") must not be greater than max_instances (" + max + ")");
    }
  }

  private static void checkResources(ComputeSpec.Resources resources, List<String> problems) {
    // Written as !(x > 0) so that NaN (YAML's .nan) is refused too.
    if (resources.cpus() != null && !(resources.cpus() > 0 && resources.cpus() <= MAX_CPUS)) {
      problems.add("resources.cpus must be more than 0 and at most " + (int) MAX_CPUS);
    }
    if (resources.memoryGb() != null
        && !(resources.memoryGb() > 0 && resources.memoryGb() <= MAX_MEMORY_GB)) {
      problems.add("resources.memory_gb must be more than 0 and at most " + (int) MAX_MEMORY_GB);
    }
    if (resources.gpus() != null && (resources.gpus() < 0 || resources.gpus() > MAX_GPUS)) {
      problems.add("resources.gpus must be between 0 and " + MAX_GPUS);
    }
  }

  private static Map<String, String> tags(Map<String, String> tags, List<String> problems) {
    if (tags == null) {
      return Map.of();
    }
    if (tags.size() > MAX_TAGS) {
      problems.add("at most " + MAX_TAGS + " tags are allowed");
    }
    Map<String, String> kept = new LinkedHashMap<>();
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey().isBlank() || tag.getKey().length() > 256) {
        problems.add("tag names must be 1 to 256 characters");
      } else if (tag.getValue() != null && tag.getValue().length() > 1024) {
        problems.add("tag '" + tag.getKey() + "' must be at most 1024 characters");
      } else {
        // A tag written without a value (`team:`) is an empty one, as in Azure ML.
        kept.put(tag.getKey(), tag.getValue() == null ? "" : tag.getValue());
      }
    }
    return kept;
  }
}
