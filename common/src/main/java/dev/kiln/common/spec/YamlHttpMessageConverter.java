package dev.kiln.common.spec;

import dev.kiln.common.error.KilnException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.yaml.JacksonYamlHttpMessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Spring's YAML converter with Kiln's reading: a {@code application/yaml}, {@code
 * application/x-yaml} or {@code text/yaml} request body is read by {@link SafeYaml} and bound by
 * the application's JSON mapper, so a {@code @Valid @RequestBody} record binds and validates as it
 * does from JSON. A document {@link SafeYaml} refuses fails with an {@link
 * HttpMessageNotReadableException} caused by its {@link SpecException} (a 400 {@code invalid_yaml}
 * problem); a document that does not fit the type fails as malformed JSON does. Responses for
 * {@code Accept: application/yaml} are serialized by the JSON mapper, then printed as YAML.
 */
public class YamlHttpMessageConverter extends JacksonYamlHttpMessageConverter {

  /** The media types read and written, {@code application/yaml} first. */
  public static final List<MediaType> MEDIA_TYPES =
      List.of(
          MediaType.APPLICATION_YAML,
          new MediaType("application", "x-yaml"),
          new MediaType("text", "yaml"));

  private final SafeYaml yaml;

  public YamlHttpMessageConverter(SafeYaml yaml) {
    super(YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build());
    this.yaml = yaml;
    setSupportedMediaTypes(MEDIA_TYPES);
  }

  @Override
  public Object read(ResolvableType type, HttpInputMessage input, Map<String, Object> hints)
      throws IOException {
    JsonNode tree = tree(input);
    try {
      return yaml.mapper().treeToValue(tree, yaml.mapper().constructType(type.getType()));
    } catch (JacksonException e) {
      throw new HttpMessageNotReadableException(
          "YAML does not fit " + type + ": " + e.getOriginalMessage(), e, input);
    }
  }

  @Override
  protected Object readInternal(Class<?> type, HttpInputMessage input) throws IOException {
    return read(ResolvableType.forClass(type), input, null);
  }

  @Override
  protected void writeInternal(
      Object value, ResolvableType type, HttpOutputMessage output, Map<String, Object> hints)
      throws IOException {
    // The JSON mapper carries the application's modules and settings; YAML only prints its tree.
    JsonNode tree = yaml.mapper().valueToTree(value);
    super.writeInternal(tree, ResolvableType.forClass(JsonNode.class), output, hints);
  }

  private JsonNode tree(HttpInputMessage input) throws IOException {
    MediaType contentType = input.getHeaders().getContentType();
    Charset charset = contentType != null ? contentType.getCharset() : null;
    try {
      return charset != null
          ? yaml.read(new InputStreamReader(input.getBody(), charset))
          : yaml.read(input.getBody());
    } catch (KilnException e) {
      // A SpecException, or a limit of the request, such as the document size, hit while reading.
      throw new HttpMessageNotReadableException(e.getMessage(), e, input);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
