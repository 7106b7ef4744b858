package dev.kiln.cli.spec;

import dev.kiln.cli.error.CliException;
import dev.kiln.cli.error.ExitCode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a spec file: one YAML or JSON document whose top level is a mapping. Files ending in {@code
 * .json} are read as JSON, all others as YAML (which also reads JSON). Values are kept as written
 * ({@code ${VAR}} is not expanded); a key given twice is an error.
 *
 * <p>Every failure is a usage error (exit 2) with one line naming the file, and the line when the
 * parser knows it: {@code cannot read datastore spec 'lake.yml': line 3: mapping values are not
 * allowed here}.
 */
public final class SpecFile {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private SpecFile() {}

  /**
   * The top-level mapping of {@code file}.
   *
   * @param what what the file holds, for messages, e.g. {@code datastore spec}
   * @throws CliException (exit 2) when the file cannot be read or is not one mapping
   */
  public static ObjectNode read(Path file, String what) {
    String prefix = "cannot read " + what + " '" + file + "': ";
    String text = text(file, prefix);
    ObjectMapper mapper = isJson(file) ? JSON : YAML;
    JsonNode document;
    try (JsonParser parser = mapper.createParser(text)) {
      document = mapper.readTree(parser);
      checkNoFurtherDocument(parser, prefix);
    } catch (JacksonException e) {
      throw usage(prefix + at(e.getLocation()) + firstLines(e.getOriginalMessage()), e);
    }
    if (document == null || document.isMissingNode() || document.isNull()) {
      throw usage(prefix + "the file is empty", null);
    }
    if (!(document instanceof ObjectNode mapping)) {
      throw usage(
          prefix + "expected a mapping of keys to values at the top, found " + kind(document),
          null);
    }
    return mapping;
  }

  private static String text(Path file, String prefix) {
    return readText(file, prefix, "no such file");
  }

  /**
   * The UTF-8 text of {@code file}, or a usage error starting with {@code prefix} that says what
   * went wrong ({@code noSuchFile} when it is missing).
   */
  public static String readText(Path file, String prefix, String noSuchFile) {
    if (Files.isDirectory(file)) {
      throw usage(prefix + "it is a folder", null);
    }
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw usage(prefix + noSuchFile, e);
    } catch (AccessDeniedException e) {
      throw usage(prefix + "permission denied", e);
    } catch (CharacterCodingException e) {
      throw usage(prefix + "not UTF-8 text", e);
    } catch (IOException e) {
      throw usage(prefix + (e.getMessage() == null ? "read failed" : e.getMessage()), e);
    }
  }

  /** Empty documents after the first ({@code ---} at the end) are fine; anything else is not. */
  private static void checkNoFurtherDocument(JsonParser parser, String prefix) {
    JsonToken next = parser.nextToken();
    while (next == JsonToken.VALUE_NULL) {
      next = parser.nextToken();
    }
    if (next != null) {
      throw usage(
          prefix
              + at(parser.currentLocation())
              + "expected one document, found another; put each in its own file",
          null);
    }
  }

  private static boolean isJson(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".json");
  }

  private static String at(TokenStreamLocation location) {
    return location == null || location.getLineNr() < 1
        ? ""
        : "line " + location.getLineNr() + ": ";
  }

  /**
   * The parser's message on one line. YAML messages span lines: what it was doing, a {@code in
   * reader, line n} pointer, the offending line with a caret, and what it found; the indented lines
   * are dropped and the rest joined.
   */
  private static String firstLines(String message) {
    if (message == null || message.isBlank()) {
      return "not valid YAML or JSON";
    }
    return message
        .lines()
        .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
        .map(String::strip)
        .collect(Collectors.joining("; "));
  }

  private static String kind(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    return "a single value";
  }

  private static CliException usage(String message, Throwable cause) {
    return new CliException(ExitCode.USAGE, message, cause);
  }
}
