package dev.kiln.cli.job;

import dev.kiln.cli.data.DataAssets;
import dev.kiln.cli.data.UploadPlan;
import dev.kiln.cli.data.Uploader;
import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A job input whose {@code path} is a local file or folder, uploaded to the workspaceblobstore as
 * Azure ML uploads one: under {@code LocalUpload/<hash>/<name>}, where the hash is the first 32 hex
 * of a SHA-256 of the content (of the file; for a folder, of the lines {@code <relative path> TAB
 * <sha256> LF} of its files sorted by path) and the name is the file's or folder's own. The same
 * content lands in the same place, and files already there with the same SHA-256 are not sent
 * again. The input's {@code path} then names the upload: {@code
 * azureml://datastores/workspaceblobstore/paths/LocalUpload/<hash>/wine.csv}, or for a folder
 * {@code …/LocalUpload/<hash>/images/}. Its {@code type}, when the spec gives none, becomes {@code
 * uri_file} or {@code uri_folder}.
 *
 * @param name the input's name
 * @param entry the input's mapping in the spec, changed in place
 * @param plan what is uploaded, and where
 * @param path the {@code azureml://} path the input names once uploaded
 */
record LocalInput(String name, ObjectNode entry, UploadPlan plan, String path) {

  static final String INPUTS = "inputs";
  static final String OUTPUTS = "outputs";
  static final String PATH = "path";
  static final String TYPE = "type";

  /**
   * The inputs of {@code spec} with a local path, planned (files found and hashed) but not sent; an
   * input without a type gets the one its upload implies, a declared one is checked against it (a
   * type that is not text is left for the server to refuse). Inputs that are literals or name paths
   * the server resolves are left alone, as is an {@code inputs} that is not a mapping (the server
   * refuses it).
   *
   * @throws CliException (exit 2) when a local path does not exist or cannot be uploaded, or when
   *     its declared type does not fit it
   */
  static List<LocalInput> find(JobSpec spec) {
    List<LocalInput> found = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> input : pathMappings(spec, INPUTS)) {
      String key = INPUTS + "." + input.getKey() + "." + PATH;
      String written = input.getValue().get(PATH).asString();
      LocalReference.of(written, key, spec)
          .ifPresent(local -> found.add(plan(input.getKey(), input.getValue(), local, key, spec)));
    }
    return found;
  }

  /**
   * Refuses outputs with a local path: a job writes its outputs, so there is nothing to upload, and
   * the platform cannot write to this machine.
   *
   * @throws CliException (exit 2) naming the output
   */
  static void refuseLocalOutputs(JobSpec spec) {
    for (Map.Entry<String, ObjectNode> output : pathMappings(spec, OUTPUTS)) {
      String key = OUTPUTS + "." + output.getKey() + "." + PATH;
      String written = output.getValue().get(PATH).asString();
      if (LocalReference.isLocal(written)) {
        throw new CliException(
            ExitCode.USAGE,
            "'"
                + key
                + "' in "
                + spec.source()
                + " is a local path, where the job cannot write: leave the path out (the"
                + " platform picks one) or name a datastore path,"
                + " azureml://datastores/<datastore>/paths/<path>");
      }
    }
  }

  /** Uploads what is missing, then makes the input name the upload. */
  void upload(Uploader uploader) {
    uploader.upload(plan);
    entry.put(PATH, path);
  }

  private static LocalInput plan(
      String name, ObjectNode entry, Path local, String key, JobSpec spec) {
    UploadPlan scanned = UploadPlan.of(local);
    JsonNode declared = entry.get(TYPE);
    try {
      if (declared == null || declared.isNull()) {
        entry.put(TYPE, scanned.typeFor(null));
      } else if (declared.isString()) {
        scanned.typeFor(declared.asString());
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCode.USAGE, "'" + key + "' in " + spec.source() + ": " + e.getMessage());
    }
    // The same content-addressed place as `kiln data create` uses, so the two share uploads; a
    // folder keeps its own name below it.
    String prefix = scanned.prefix() + (scanned.folder() ? "/" + folderName(local, key, spec) : "");
    UploadPlan plan =
        new UploadPlan(local, scanned.folder(), prefix, scanned.files(), scanned.skippedLinks());
    String remote =
        scanned.folder() ? prefix + "/" : prefix + "/" + scanned.files().get(0).relativePath();
    return new LocalInput(name, entry, plan, DataAssets.blobStorePath(remote));
  }

  /** The folder's own name ({@code data} for {@code ./data/} or {@code .} in {@code data}). */
  private static String folderName(Path folder, String key, JobSpec spec) {
    Path real;
    try {
      real = folder.toRealPath();
    } catch (IOException e) {
      throw new CliException(
          ExitCode.USAGE,
          "'" + key + "' in " + spec.source() + ": cannot read '" + folder + "'",
          e);
    }
    Path name = real.getFileName();
    if (name == null
        || name.toString().chars().anyMatch(c -> c == '\\' || Character.isISOControl(c))) {
      throw new CliException(
          ExitCode.USAGE,
          "'"
              + key
              + "' in "
              + spec.source()
              + " names a folder whose name cannot be uploaded; name a folder below it");
    }
    return name.toString();
  }

  /** The entries of mapping {@code key} (inputs or outputs) that are mappings with a text path. */
  private static List<Map.Entry<String, ObjectNode>> pathMappings(JobSpec spec, String key) {
    JsonNode all = spec.body().get(key);
    List<Map.Entry<String, ObjectNode>> found = new ArrayList<>();
    if (all == null || !all.isObject()) {
      return found;
    }
    for (Map.Entry<String, JsonNode> entry : all.properties()) {
      if (entry.getValue() instanceof ObjectNode mapping
          && mapping.hasNonNull(PATH)
          && mapping.get(PATH).isString()) {
        found.add(Map.entry(entry.getKey(), mapping));
      }
    }
    return found;
  }
}
