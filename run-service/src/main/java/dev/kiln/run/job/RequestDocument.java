package dev.kiln.run.job;

import dev.kiln.common.error.InvalidRequestException;
import dev.kiln.common.spec.SafeYaml;
import dev.kiln.common.spec.YamlHttpMessageConverter;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request body read once into a tree and kept as text: the endpoint takes two shapes (a tracking
 * run, a command job) told apart by their keys, and a job's messages name the lines of its keys.
 * YAML is read by {@link SafeYaml}, with all its limits, and JSON by the application's mapper.
 */
record RequestDocument(JsonNode tree, String text) {

  static RequestDocument read(byte[] body, MediaType contentType, JsonMapper json) {
    if (body == null || body.length == 0) {
      throw new InvalidRequestException("invalid_request", "The request body is missing.");
    }
    Charset charset =
        contentType != null && contentType.getCharset() != null
            ? contentType.getCharset()
            : StandardCharsets.UTF_8;
    String text = new String(body, charset);
    boolean yaml =
        contentType != null
            && YamlHttpMessageConverter.MEDIA_TYPES.stream()
                .anyMatch(type -> type.isCompatibleWith(contentType));
    if (yaml) {
      SafeYaml reader = new SafeYaml(json);
      JsonNode tree =
          contentType.getCharset() != null
              ? reader.read(new InputStreamReader(new ByteArrayInputStream(body), charset))
              : reader.read(new ByteArrayInputStream(body));
      return new RequestDocument(tree, text);
    }
    try {
      return new RequestDocument(json.readTree(body), text);
    } catch (JacksonException e) {
      throw new InvalidRequestException(
          "invalid_request", "The request body is not valid JSON: " + e.getOriginalMessage());
    }
  }
}
