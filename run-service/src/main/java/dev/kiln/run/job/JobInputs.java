package dev.kiln.run.job;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.events.SubmittedJob;
import dev.kiln.common.storage.InvalidObjectKeyException;
import dev.kiln.common.storage.ObjectKeys;
import dev.kiln.run.job.CommandJobSpec.InputSpec;
import dev.kiln.run.job.CommandJobSpec.OutputSpec;
import dev.kiln.run.job.JobDraft.DraftInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Reads a command job's {@code inputs} and {@code outputs}. An input is a literal (number, string,
 * boolean) or a {@code uri_file}/{@code uri_folder} at {@code azureml://datastores/<ds>/paths/<p>},
 * at an {@code https://} URL, or a data asset {@code azureml:<name>:<version>} / {@code
 * azureml:<name>@latest} (resolved later). Files and folders are downloaded: {@code ro_mount} and
 * the {@code eval_} modes are read as {@code download}. An output is an {@code uri_folder} (the
 * default) or {@code uri_file} that the runner uploads to the run's artifacts.
 */
final class JobInputs {

  static final int MAX_ENTRIES = 100;
  static final String INPUT_CODE = "invalid_input";

  private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,254}$");
  private static final Pattern DATASTORE_PATH =
      Pattern.compile("^azureml://datastores/([A-Za-z0-9][A-Za-z0-9_-]{0,254})/paths/(.+)$");
  private static final Set<String> FILE_TYPES = Set.of("uri_file", "uri_folder");
  private static final Set<String> INPUT_MODES =
      Set.of("download", "ro_mount", "eval_download", "eval_mount");
  private static final Set<String> OUTPUT_MODES = Set.of("upload", "rw_mount");

  /** Binds a mapping to a {@code @Spec} record, refusing typos with their line. */
  @FunctionalInterface
  interface Binder {
    <T> T bind(JsonNode node, Class<T> type, String section, String name);
  }

  private final Binder binder;

  JobInputs(Binder binder) {
    this.binder = binder;
  }

  Map<String, DraftInput> inputs(Map<String, JsonNode> spec) {
    Map<String, DraftInput> inputs = new LinkedHashMap<>();
    if (spec == null) {
      return inputs;
    }
    if (spec.size() > MAX_ENTRIES) {
      throw invalidInput("A job takes at most " + MAX_ENTRIES + " inputs.");
    }
    spec.forEach(
        (name, value) -> {
          if (!NAME.matcher(name).matches()) {
            throw invalidInput(
                "Input name '"
                    + name
                    + "' is not valid: a letter or '_', then letters, digits"
                    + " and '_', at most 255 characters.");
          }
          inputs.put(name, input(name, value));
        });
    return inputs;
  }

  private DraftInput input(String name, JsonNode value) {
    if (value == null || value.isNull()) {
      throw invalidInput("Input '" + name + "' has no value.");
    }
    if (value.isNumber() || value.isBoolean() || value.isString()) {
      return DraftInput.of(
          new SubmittedJob.Input("literal", value.asString(), null, null, null, null));
    }
    if (!value.isObject()) {
      throw invalidInput(
          "Input '"
              + name
              + "' is a list; an input is a number, string, boolean, or a mapping"
              + " with type and path.");
    }
    InputSpec spec = binder.bind(value, InputSpec.class, "inputs", name);
    String type = spec.type() == null ? null : spec.type().toLowerCase(Locale.ROOT);
    if (type != null && !FILE_TYPES.contains(type)) {
      throw invalidInput(
          "Input '"
              + name
              + "' has type '"
              + spec.type()
              + "'; Kiln takes uri_file and"
              + " uri_folder inputs (and literals written as plain values).");
    }
    String mode = spec.mode() == null ? "download" : spec.mode().toLowerCase(Locale.ROOT);
    if (!INPUT_MODES.contains(mode)) {
      throw invalidInput(
          "Input '"
              + name
              + "' has mode '"
              + spec.mode()
              + "'; Kiln downloads inputs: use"
              + " download (ro_mount and the eval_ modes are read as download).");
    }
    String path = spec.path();
    if (path == null || path.isBlank()) {
      throw invalidInput("Input '" + name + "' has no path.");
    }
    if (path.startsWith("azureml:") && !path.startsWith("azureml://")) {
      return DraftInput.data(path, type, "download");
    }
    if (DATASTORE_PATH.matcher(path).matches() || path.startsWith("https://")) {
      return DraftInput.of(fromAsset(name, type == null ? "uri_folder" : type, path));
    }
    if (path.contains("://")) {
      throw invalidInput(
          "Input '"
              + name
              + "' has path '"
              + path
              + "'; a path is"
              + " azureml://datastores/<datastore>/paths/<path>, an https:// URL, or a data asset"
              + " azureml:<name>:<version>.");
    }
    throw invalidInput(
        "Input '"
            + name
            + "' has the local path '"
            + path
            + "'; upload it first ('kiln job"
            + " create' does) and send azureml://datastores/<datastore>/paths/<path>.");
  }

  /**
   * An input at an {@code azureml://datastores/…} or {@code https://} path, its own or its asset's.
   */
  static SubmittedJob.Input fromAsset(String name, String type, String assetPath) {
    Matcher datastore = DATASTORE_PATH.matcher(assetPath == null ? "" : assetPath);
    if (datastore.matches()) {
      return new SubmittedJob.Input(
          type,
          null,
          datastore.group(1),
          datastorePath(name, datastore.group(2), "uri_file".equals(type)),
          null,
          "download");
    }
    if (assetPath != null && assetPath.startsWith("https://")) {
      return new SubmittedJob.Input(type, null, null, null, httpsUrl(name, assetPath), "download");
    }
    throw invalidInput(
        "Input '" + name + "': the data asset's path '" + assetPath + "' is not one Kiln reads.");
  }

  Map<String, SubmittedJob.Output> outputs(Map<String, JsonNode> spec) {
    Map<String, SubmittedJob.Output> outputs = new LinkedHashMap<>();
    if (spec == null) {
      return outputs;
    }
    if (spec.size() > MAX_ENTRIES) {
      throw JobSpecReader.invalid("A job takes at most " + MAX_ENTRIES + " outputs.");
    }
    spec.forEach(
        (name, value) -> {
          if (!NAME.matcher(name).matches()) {
            throw JobSpecReader.invalid(
                "Output name '"
                    + name
                    + "' is not valid: a letter or '_', then letters, digits"
                    + " and '_', at most 255 characters.");
          }
          outputs.put(name, output(name, value));
        });
    return outputs;
  }

  private SubmittedJob.Output output(String name, JsonNode value) {
    if (value == null || value.isNull()) {
      return new SubmittedJob.Output("uri_folder", "upload");
    }
    if (!value.isObject()) {
      throw JobSpecReader.invalid("Output '" + name + "' must be a mapping (type, mode) or empty.");
    }
    OutputSpec spec = binder.bind(value, OutputSpec.class, "outputs", name);
    String type = spec.type() == null ? "uri_folder" : spec.type().toLowerCase(Locale.ROOT);
    if (!FILE_TYPES.contains(type)) {
      throw JobSpecReader.invalid(
          "Output '"
              + name
              + "' has type '"
              + spec.type()
              + "'; Kiln takes uri_folder and"
              + " uri_file outputs.");
    }
    String mode = spec.mode() == null ? "upload" : spec.mode().toLowerCase(Locale.ROOT);
    if (!OUTPUT_MODES.contains(mode)) {
      throw JobSpecReader.invalid(
          "Output '"
              + name
              + "' has mode '"
              + spec.mode()
              + "'; Kiln uploads outputs: use"
              + " upload (rw_mount is read as upload).");
    }
    if (spec.path() != null) {
      throw JobSpecReader.invalid(
          "Output '"
              + name
              + "' has a path; Kiln stores outputs with the job's artifacts under"
              + " named-outputs/"
              + name
              + "/, so leave the path out.");
    }
    return new SubmittedJob.Output(type, "upload");
  }

  /** A file's path is a key ({@code data/x.csv}); a folder's may end in {@code /}. */
  private static String datastorePath(String name, String path, boolean file) {
    try {
      if (file) {
        ObjectKeys.requireValidKey(path);
      } else {
        ObjectKeys.requireValidPrefix(path);
      }
    } catch (InvalidObjectKeyException e) {
      throw invalidInput(
          "Input '" + name + "': the datastore path is not allowed: " + e.getMessage());
    }
    return path;
  }

  private static String httpsUrl(String name, String text) {
    try {
      URI url = new URI(text);
      if (url.getHost() == null || url.getUserInfo() != null) {
        throw invalidInput("Input '" + name + "': an https URL needs a host and no user name.");
      }
      return url.toString();
    } catch (URISyntaxException e) {
      throw invalidInput("Input '" + name + "': '" + text + "' is not a valid URL.");
    }
  }

  static InvalidRequestException invalidInput(String detail) {
    return new InvalidRequestException(INPUT_CODE, detail);
  }
}
