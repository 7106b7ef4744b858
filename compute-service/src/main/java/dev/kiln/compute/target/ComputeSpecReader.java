package dev.kiln.compute.target;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.error.KilnException;
import dev.kiln.common.spec.SafeYaml;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.YamlUnicodeReader;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a compute spec from a request body, JSON or YAML. Azure-only keys are taken off with a
 * warning; typos of known keys are refused naming the key and its line; a value of the wrong kind
 * is refused naming the key.
 */
@Component
class ComputeSpecReader {

  /**
   * Keys of Azure ML's {@code amlCompute} and {@code computeInstance} schemas that mean nothing on
   * Kiln (VM sizes, networking, identities, SSH, schedules).
   */
  static final Set<String> AZURE_ONLY =
      Set.of(
          "size",
          "tier",
          "location",
          "identity",
          "ssh_public_access_enabled",
          "ssh_settings",
          "network_settings",
          "enable_node_public_ip",
          "create_on_behalf_of",
          "idle_time_before_shutdown",
          "idle_time_before_shutdown_minutes",
          "schedules",
          "setup_scripts",
          "enable_sso",
          "enable_root_access",
          "enable_os_patching",
          "custom_applications",
          "os_image_metadata",
          "resource_id");

  private static final Pattern UNKNOWN_KEY = Pattern.compile("Unknown key '([^']*)'");

  private final SafeYaml yaml;
  private final JsonMapper json;

  ComputeSpecReader(JsonMapper json) {
    this.json = json;
    this.yaml = new SafeYaml(json);
  }

  /** A spec read, and what was ignored in it. */
  record Read(ComputeSpec spec, List<String> warnings) {}

  /**
   * The spec in {@code body}, YAML unless {@code contentType} is JSON.
   *
   * @throws KilnException a 400 problem: {@code invalid_yaml}, {@code invalid_json}, {@code
   *     unknown_key} or {@code invalid_compute_spec}
   */
  Read read(byte[] body, MediaType contentType) {
    boolean isJson =
        contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_JSON);
    String text = text(body, isJson ? null : contentType);
    JsonNode tree = isJson ? parseJson(text) : yaml.read(text);
    if (!(tree instanceof ObjectNode document)) {
      throw new InvalidRequestException(
          ComputeDefinition.INVALID, "Invalid compute spec: expected a mapping of keys to values.");
    }
    List<String> warnings = new ArrayList<>();
    for (String key : List.copyOf(document.propertyNames())) {
      if (AZURE_ONLY.contains(key)) {
        document.remove(key);
        warnings.add("Ignored Azure ML key '" + key + "': it has no meaning on Kiln.");
      }
    }
    return new Read(bind(document, text), warnings);
  }

  private ComputeSpec bind(ObjectNode document, String text) {
    try {
      return json.treeToValue(document, ComputeSpec.class);
    } catch (RuntimeException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof KilnException problem) {
          throw "unknown_key".equals(problem.code()) ? withLine(problem, text) : problem;
        }
      }
      if (e instanceof JacksonException mismatch) {
        throw new InvalidRequestException(
            ComputeDefinition.INVALID,
            "Invalid compute spec: " + where(mismatch, text) + mismatch.getOriginalMessage());
      }
      throw e;
    }
  }

  /** The typo problem of the key checker, with the line of the key in the document. */
  private static KilnException withLine(KilnException problem, String text) {
    Matcher key = UNKNOWN_KEY.matcher(problem.getMessage());
    if (!key.find()) {
      return problem;
    }
    return KeyLines.lineOf(text, key.group(1))
        .<KilnException>map(
            line ->
                new InvalidRequestException(
                    problem.code(),
                    problem.getMessage().replace(key.group(), key.group() + " at line " + line)))
        .orElse(problem);
  }

  private static String where(JacksonException mismatch, String text) {
    List<String> path = new ArrayList<>();
    for (JacksonException.Reference step : mismatch.getPath()) {
      path.add(
          step.getPropertyName() != null ? step.getPropertyName() : "[" + step.getIndex() + "]");
    }
    if (path.isEmpty()) {
      return "";
    }
    String key = path.get(path.size() - 1);
    String line = KeyLines.lineOf(text, key).map(n -> " at line " + n).orElse("");
    return "'" + String.join(".", path) + "'" + line + ": ";
  }

  private JsonNode parseJson(String text) {
    try {
      return json.readTree(text);
    } catch (JacksonException e) {
      String at =
          e.getLocation() == null || e.getLocation().getLineNr() < 1
              ? ""
              : " at line " + e.getLocation().getLineNr();
      throw new InvalidRequestException(
          "invalid_json", "Invalid JSON" + at + ": " + e.getOriginalMessage());
    }
  }

  /** The body as text: in the charset its content type names, else UTF-8 or as its BOM says. */
  private static String text(byte[] body, MediaType contentType) {
    if (contentType != null && contentType.getCharset() != null) {
      return new String(body, contentType.getCharset());
    }
    if (contentType == null) {
      return new String(body, StandardCharsets.UTF_8);
    }
    try (Reader reader = new YamlUnicodeReader(new ByteArrayInputStream(body))) {
      StringWriter text = new StringWriter();
      reader.transferTo(text);
      return text.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
