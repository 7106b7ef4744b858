package dev.kiln.run.job;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.error.Throwables;
import dev.kiln.common.events.SubmittedJob;
import dev.kiln.run.job.CommandJobSpec.InlineEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a command job spec (the Azure ML v2 dialect) into a {@link JobDraft}, checking everything
 * that needs no other service. Azure-only keys are ignored with a warning and typos of known keys
 * refused with their line ({@link dev.kiln.common.spec.SpecKeyChecker}, through the application's
 * mapper). Every refusal is a 400 with a stable code, mostly {@value #CODE}.
 */
final class JobSpecReader {

  static final String CODE = "invalid_job_spec";
  static final int MAX_COMMAND_BYTES = 64 * 1024;
  static final int MAX_ENVIRONMENT_VARIABLES = 1000;
  static final String DEFAULT_COMPUTE = "local";

  private static final String SCHEMA_SUFFIX = "commandJob.schema.json";
  private static final Set<String> SECTIONS =
      Set.of("limits", "resources", "distribution", "queue_settings");
  private static final Pattern COMPUTE =
      Pattern.compile("^(?:azureml:)?([A-Za-z0-9][A-Za-z0-9_-]{0,254})$");
  private static final Pattern SNAPSHOT = Pattern.compile("^azureml:snapshots/(.+)$");
  private static final Pattern VARIABLE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,254}$");
  private static final Set<String> RESERVED_VARIABLES =
      Set.of("MLFLOW_TRACKING_URI", "MLFLOW_RUN_ID", "MLFLOW_TRACKING_TOKEN");

  private final JsonMapper mapper;
  private final String text;

  /**
   * @param mapper the application's mapper, whose problem handler checks the keys of specs
   * @param text the body as sent, for the lines of messages
   */
  JobSpecReader(JsonMapper mapper, String text) {
    this.mapper = mapper;
    this.text = text;
  }

  /**
   * Whether a body is a command job rather than a tracking run: it has {@code command}, {@code
   * type} or {@code $schema} (keys no tracking run has); a spec of another kind is then refused.
   */
  static boolean isJobSpec(JsonNode body) {
    return body.isObject() && (body.has("command") || body.has("type") || body.has("$schema"));
  }

  JobDraft read(JsonNode body) {
    CommandJobSpec spec = bind(body, CommandJobSpec.class, List.of(), SECTIONS);
    requireCommandKind(spec);
    String command = command(spec.command());
    JobInputs reader = new JobInputs(this::bindEntry);
    Map<String, JobDraft.DraftInput> inputs = reader.inputs(spec.inputs());
    Map<String, SubmittedJob.Output> outputs = reader.outputs(spec.outputs());
    Bindings.check(command, inputs.keySet(), outputs.keySet());
    int instances = JobScheduling.instanceCount(spec);
    String environmentReference = null;
    Map<String, Object> inlineEnvironment = null;
    JsonNode environment = spec.environment();
    if (environment == null || environment.isNull()) {
      throw invalid(
          "The job names no environment: set environment to azureml:<name>:<version>,"
              + " azureml:<name>@latest, a curated name such as kiln-sklearn, or an inline image"
              + " and conda_file.");
    } else if (environment.isString() && !environment.asString().isBlank()) {
      environmentReference = environment.asString().strip();
    } else if (environment.isObject()) {
      inlineEnvironment = inlineEnvironment(environment);
    } else {
      throw invalid("environment is a reference (azureml:<name>:<version>) or a mapping.");
    }
    return new JobDraft(
        new JobDraft.RunFields(
            spec.name(),
            limited("display_name", spec.displayName(), 256),
            limited("description", spec.description(), 5000),
            spec.experimentName(),
            spec.tags(),
            spec.properties()),
        command,
        snapshotId(spec),
        compute(spec.compute()),
        environmentReference,
        inlineEnvironment,
        inputs,
        outputs,
        environmentVariables(spec.environmentVariables()),
        JobScheduling.timeout(spec.limits()),
        instances,
        JobScheduling.distribution(spec.distribution(), instances),
        JobScheduling.priority(spec));
  }

  private static void requireCommandKind(CommandJobSpec spec) {
    if (spec.type() != null && !spec.type().equalsIgnoreCase("command")) {
      throw invalid(
          "This endpoint runs command jobs; type '"
              + spec.type()
              + "' is not one (use type:"
              + " command, or leave type out).");
    }
    if (spec.schema() != null && !spec.schema().endsWith(SCHEMA_SUFFIX)) {
      throw invalid(
          "This endpoint runs command jobs; $schema '"
              + spec.schema()
              + "' is not the command"
              + " job schema ("
              + SCHEMA_SUFFIX
              + ").");
    }
  }

  private static String command(String command) {
    if (command == null || command.isBlank()) {
      throw invalid("The job has no command.");
    }
    if (command.getBytes(StandardCharsets.UTF_8).length > MAX_COMMAND_BYTES) {
      throw invalid("The command is longer than " + MAX_COMMAND_BYTES + " bytes (64 KiB).");
    }
    if (command.indexOf('\0') >= 0) {
      throw invalid("The command holds a NUL character.");
    }
    return command;
  }

  private static String snapshotId(CommandJobSpec spec) {
    String fromCode = null;
    if (spec.code() != null) {
      Matcher snapshot = SNAPSHOT.matcher(spec.code().strip());
      if (snapshot.matches()) {
        fromCode = snapshot.group(1);
      } else if (spec.code().startsWith("azureml:") || spec.code().contains("://")) {
        throw invalid(
            "code '"
                + spec.code()
                + "' is not a snapshot; Kiln takes code as"
                + " azureml:snapshots/<id> (or snapshot_id: <id>).");
      } else {
        throw new InvalidRequestException(
            "code_not_uploaded",
            "code '"
                + spec.code()
                + "' is a local path; upload it as a snapshot first ('kiln"
                + " job create' does) and send code: azureml:snapshots/<id>.");
      }
    }
    if (fromCode != null && spec.snapshotId() != null && !fromCode.equals(spec.snapshotId())) {
      throw invalid("code and snapshot_id name different snapshots.");
    }
    return fromCode != null ? fromCode : spec.snapshotId();
  }

  private static String compute(String compute) {
    if (compute == null) {
      return DEFAULT_COMPUTE;
    }
    Matcher name = COMPUTE.matcher(compute.strip());
    if (!name.matches()) {
      throw invalid("compute is azureml:<name> or <name>; was '" + compute + "'.");
    }
    return name.group(1);
  }

  private Map<String, Object> inlineEnvironment(JsonNode environment) {
    InlineEnvironment inline =
        bind(environment, InlineEnvironment.class, List.of("environment"), Set.of());
    if (inline.build() != null) {
      throw invalid(
          "The inline environment has a build context; Kiln builds environments from image and"
              + " conda_file (or pip_requirements): register one with those instead.");
    }
    // Sent on to workspace-service as its environment spec: only the keys it takes.
    Map<String, Object> sent = new LinkedHashMap<>();
    putIfSet(sent, "image", inline.image());
    putIfSet(sent, "conda_file", inline.condaFile());
    putIfSet(sent, "pip_requirements", inline.pipRequirements());
    putIfSet(sent, "python_version", inline.pythonVersion());
    putIfSet(sent, "environment_variables", inline.environmentVariables());
    putIfSet(sent, "description", inline.description());
    putIfSet(sent, "tags", inline.tags());
    return sent;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static Map<String, String> environmentVariables(Map<String, String> variables) {
    if (variables == null) {
      return Map.of();
    }
    if (variables.size() > MAX_ENVIRONMENT_VARIABLES) {
      throw invalid("A job takes at most " + MAX_ENVIRONMENT_VARIABLES + " environment variables.");
    }
    variables.forEach(
        (name, value) -> {
          if (!VARIABLE.matcher(name).matches()) {
            throw invalid(
                "Environment variable '"
                    + name
                    + "' is not a valid name: a letter or '_', then"
                    + " letters, digits and '_'.");
          }
          if (name.startsWith("KILN_") || RESERVED_VARIABLES.contains(name)) {
            throw invalid(
                "Environment variable '"
                    + name
                    + "' is set by Kiln for every job and cannot be"
                    + " set by the job.");
          }
          if (value == null || value.indexOf('\0') >= 0 || value.length() > 32 * 1024) {
            throw invalid(
                "Environment variable '"
                    + name
                    + "' needs a value of at most 32 KiB, without"
                    + " NUL characters.");
          }
        });
    return new LinkedHashMap<>(variables);
  }

  private static String limited(String key, String value, int max) {
    if (value != null && value.length() > max) {
      throw invalid(key + " is at most " + max + " characters.");
    }
    return value;
  }

  /** Binds {@code inputs.<name>} or {@code outputs.<name>}. */
  private <T> T bindEntry(JsonNode node, Class<T> type, String section, String name) {
    return bind(node, type, List.of(section, name), Set.of());
  }

  /**
   * Binds {@code node}, found at {@code prefix} of the document, to {@code type}; {@code nested}
   * names the fixed sub-sections whose keys the same binding checks.
   */
  private <T> T bind(JsonNode node, Class<T> type, List<String> prefix, Set<String> nested) {
    if (!node.isObject()) {
      throw invalid(
          (prefix.isEmpty() ? "The job" : String.join(".", prefix)) + " must be a mapping.");
    }
    try {
      return mapper.treeToValue(node, type);
    } catch (RuntimeException e) {
      Optional<KilnException> refused = Throwables.find(e, KilnException.class);
      if (refused.isPresent()) {
        throw withLine(refused.get(), prefix, nested);
      }
      if (e instanceof JacksonException shape) {
        List<String> path = new ArrayList<>(prefix);
        for (JacksonException.Reference step : shape.getPath()) {
          path.add(
              step.getPropertyName() != null
                  ? step.getPropertyName()
                  : String.valueOf(step.getIndex()));
        }
        String where = KeyLines.of(text, path).map(line -> " (line " + line + ")").orElse("");
        throw invalid(
            "The value of "
                + String.join(".", path)
                + where
                + " does not fit: "
                + shape.getOriginalMessage());
      }
      throw e;
    }
  }

  private static final Pattern UNKNOWN_KEY =
      Pattern.compile("^Unknown key '(.*)': (.*)$", Pattern.DOTALL);

  private KilnException withLine(KilnException refused, List<String> prefix, Set<String> nested) {
    Matcher unknown = UNKNOWN_KEY.matcher(String.valueOf(refused.getMessage()));
    if (!"unknown_key".equals(refused.code()) || !unknown.matches()) {
      return refused;
    }
    Optional<Integer> line = KeyLines.ofKey(text, prefix, unknown.group(1), nested);
    if (line.isEmpty()) {
      return refused;
    }
    return new InvalidRequestException(
        refused.code(),
        "Unknown key '" + unknown.group(1) + "' at line " + line.get() + ": " + unknown.group(2));
  }

  static InvalidRequestException invalid(String detail) {
    return new InvalidRequestException(CODE, detail);
  }
}
