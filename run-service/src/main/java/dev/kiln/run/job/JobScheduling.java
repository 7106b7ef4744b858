package dev.kiln.run.job;

import dev.kiln.common.events.SubmittedJob;
import dev.kiln.run.job.CommandJobSpec.Distribution;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a command job that say how it is scheduled and run: {@code limits.timeout}, {@code
 * resources.instance_count}, {@code distribution} and the priority (Kiln's {@code priority} or
 * Azure's {@code queue_settings.priority}), each checked against its limits.
 */
final class JobScheduling {

  static final long MAX_TIMEOUT_SECONDS = 30L * 24 * 3600;
  static final int MAX_INSTANCES = 64;
  static final int MAX_PROCESSES = 64;
  private static final Map<String, Integer> AZURE_PRIORITIES =
      Map.of("low", -1, "medium", 0, "high", 1);

  private JobScheduling() {}

  static Long timeout(CommandJobSpec.Limits limits) {
    if (limits == null || limits.timeout() == null) {
      return null;
    }
    if (limits.timeout() < 1 || limits.timeout() > MAX_TIMEOUT_SECONDS) {
      throw JobSpecReader.invalid(
          "limits.timeout is 1 to "
              + MAX_TIMEOUT_SECONDS
              + " seconds (30 days); was "
              + limits.timeout()
              + ".");
    }
    return limits.timeout();
  }

  static int instanceCount(CommandJobSpec spec) {
    Integer count = spec.resources() == null ? null : spec.resources().instanceCount();
    if (count == null) {
      return 1;
    }
    if (count < 1 || count > MAX_INSTANCES) {
      throw JobSpecReader.invalid(
          "resources.instance_count is 1 to " + MAX_INSTANCES + "; was " + count + ".");
    }
    return count;
  }

  static SubmittedJob.Distribution distribution(Distribution spec, int instances) {
    if (spec == null) {
      return null;
    }
    String type = spec.type() == null ? "" : spec.type().toLowerCase(Locale.ROOT);
    switch (type) {
      case "pytorch", "mpi" -> {
        if (spec.workerCount() != null || spec.parameterServerCount() != null) {
          throw JobSpecReader.invalid(
              "distribution type "
                  + type
                  + " counts process_count_per_instance, not"
                  + " worker_count or parameter_server_count.");
        }
        int processes = spec.processCountPerInstance() == null ? 1 : spec.processCountPerInstance();
        return new SubmittedJob.Distribution(
            type, processCount("process_count_per_instance", processes));
      }
      case "tensorflow" -> {
        if (spec.processCountPerInstance() != null) {
          throw JobSpecReader.invalid(
              "distribution type tensorflow counts worker_count, not processes.");
        }
        if (spec.parameterServerCount() != null && spec.parameterServerCount() != 0) {
          throw JobSpecReader.invalid(
              "distribution.parameter_server_count must be 0: Kiln runs tensorflow workers"
                  + " only.");
        }
        int workers = spec.workerCount() == null ? instances : spec.workerCount();
        processCount("worker_count", workers);
        if (workers % instances != 0) {
          throw JobSpecReader.invalid(
              "distribution.worker_count ("
                  + workers
                  + ") must be a multiple of"
                  + " resources.instance_count ("
                  + instances
                  + ").");
        }
        return new SubmittedJob.Distribution(type, workers / instances);
      }
      default ->
          throw JobSpecReader.invalid(
              "distribution.type is pytorch, mpi or tensorflow; was '" + spec.type() + "'.");
    }
  }

  private static int processCount(String key, int count) {
    if (count < 1 || count > MAX_PROCESSES) {
      throw JobSpecReader.invalid(
          "distribution." + key + " is 1 to " + MAX_PROCESSES + "; was " + count + ".");
    }
    return count;
  }

  static int priority(CommandJobSpec spec) {
    Integer azure = null;
    if (spec.queueSettings() != null && spec.queueSettings().priority() != null) {
      azure = AZURE_PRIORITIES.get(spec.queueSettings().priority().toLowerCase(Locale.ROOT));
      if (azure == null) {
        throw JobSpecReader.invalid(
            "queue_settings.priority is low, medium or high; was '"
                + spec.queueSettings().priority()
                + "'.");
      }
    }
    Integer kiln = spec.priority();
    if (kiln != null && (kiln < -1000 || kiln > 1000)) {
      throw JobSpecReader.invalid("priority is -1000 to 1000; was " + kiln + ".");
    }
    if (kiln != null && azure != null && !kiln.equals(azure)) {
      throw JobSpecReader.invalid("priority and queue_settings.priority disagree.");
    }
    return kiln != null ? kiln : azure != null ? azure : 0;
  }
}
