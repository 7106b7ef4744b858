package dev.kiln.common.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.YamlUnicodeReader;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place Kiln reads YAML it did not write: request bodies, and spec files in the CLI. It
 * reads YAML 1.2 (core schema: {@code ~} is null, {@code 0x1F} a number, {@code yes} a string) into
 * Jackson trees and binds them with a {@link JsonMapper}, so a YAML document binds exactly as the
 * same document in JSON would.
 *
 * <p>Every document is untrusted: tags other than the core schema's ({@code !!java.net.URL}, {@code
 * !!python/object}, {@code !Ref}) are refused, never constructed; duplicate keys are refused; a
 * stream may hold at most {@value #MAX_CODE_POINTS} code points, {@value #MAX_ALIASES} aliases
 * expanding to at most {@value #MAX_ALIAS_NODES} values, and lists and maps nested {@value
 * #MAX_DEPTH} deep. {@link #read} takes exactly one document; {@link #readAll} takes a {@code ---}
 * separated stream. Every refusal is a {@link SpecException} naming the problem and, where known,
 * its line and column. Streams and readers passed in are read, not closed: their caller owns them.
 * Instances are immutable and thread-safe.
 */
public final class SafeYaml {

  /** Longest stream (all its documents), in Unicode code points (1 Mi). */
  public static final int MAX_CODE_POINTS = 1024 * 1024;

  /** Most aliases ({@code *name}) in a stream. */
  public static final int MAX_ALIASES = 50;

  /** Most values that aliases may add to a document when written out. */
  public static final int MAX_ALIAS_NODES = 10_000;

  /** Deepest nesting of lists and maps. */
  public static final int MAX_DEPTH = 100;

  // Only the composer runs, never SnakeYAML's constructor: so setAllowDuplicateKeys, which the
  // constructor applies, would do nothing; TreeBuilder refuses duplicate keys instead. The two
  // limits below back up the earlier, clearer checks in text() and LimitingParser.
  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setSchema(new CoreSchema())
          .setCodePointLimit(MAX_CODE_POINTS)
          .setMaxAliasesForCollections(MAX_ALIASES)
          .setAllowNonScalarKeys(false)
          .build();

  private final JsonMapper mapper;

  /** Reads YAML and binds it with a default {@link JsonMapper}. */
  public SafeYaml() {
    this(JsonMapper.builder().build());
  }

  /** Reads YAML and binds it with {@code mapper}, the application's JSON mapper. */
  public SafeYaml(JsonMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** The mapper that binds trees read here. */
  public JsonMapper mapper() {
    return mapper;
  }

  /** The single document in {@code yaml}. */
  public JsonNode read(String yaml) {
    return read(new StringReader(yaml));
  }

  /** The single document in {@code yaml}: UTF-8, or UTF-16/32 with a byte order mark. */
  public JsonNode read(InputStream yaml) {
    return read(new YamlUnicodeReader(yaml));
  }

  /**
   * The single document in {@code yaml}; an empty stream or a second document is refused. I/O
   * failures of {@code yaml} are thrown as {@link UncheckedIOException}.
   */
  public JsonNode read(Reader yaml) {
    return guarded(
        yaml,
        documents -> {
          if (!documents.hasNext()) {
            throw new SpecException("Invalid YAML: the document is empty.");
          }
          JsonNode document = new TreeBuilder().build(documents.next());
          if (documents.hasNext()) {
            throw YamlErrors.at(
                documents.nextStart(),
                "a second document starts here; send one document, not a --- separated stream.");
          }
          return document;
        });
  }

  /** Every document of the {@code ---} separated stream {@code yaml}, in order. */
  public List<JsonNode> readAll(String yaml) {
    return readAll(new StringReader(yaml));
  }

  /** Every document of {@code yaml}: UTF-8, or UTF-16/32 with a byte order mark. */
  public List<JsonNode> readAll(InputStream yaml) {
    return readAll(new YamlUnicodeReader(yaml));
  }

  /** Every document of {@code yaml}, in order; none for an empty stream. */
  public List<JsonNode> readAll(Reader yaml) {
    return guarded(
        yaml,
        documents -> {
          List<JsonNode> all = new ArrayList<>();
          while (documents.hasNext()) {
            all.add(new TreeBuilder().build(documents.next()));
          }
          return List.copyOf(all);
        });
  }

  /** The single document in {@code yaml}, bound to {@code type}. */
  public <T> T read(String yaml, Class<T> type) {
    return bind(read(yaml), mapper.constructType(type));
  }

  /**
   * {@code tree} bound to {@code type} as the JSON mapper binds JSON; a tree that does not fit is
   * refused with the path of the value that does not.
   */
  public <T> T bind(JsonNode tree, JavaType type) {
    try {
      return mapper.treeToValue(tree, type);
    } catch (JacksonException e) {
      String path = e.getPath().isEmpty() ? "" : " at " + path(e);
      throw new SpecException(
          "Invalid YAML: the document does not fit the expected shape"
              + path
              + ": "
              + e.getOriginalMessage(),
          e);
    }
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference step : e.getPath()) {
      if (step.getPropertyName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(step.getPropertyName());
      } else {
        path.append('[').append(step.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static <T> T guarded(Reader yaml, Function<Documents, T> reading) {
    try {
      return reading.apply(new Documents(text(yaml)));
    } catch (YamlEngineException e) {
      throw YamlErrors.translate(e);
    }
  }

  /** All of {@code yaml}, refused as soon as it is certainly too long, before any parsing. */
  private static String text(Reader yaml) {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      for (int n = yaml.read(buffer); n != -1; n = yaml.read(buffer)) {
        text.append(buffer, 0, n);
        // A code point takes at most two chars.
        if (text.length() > 2 * MAX_CODE_POINTS) {
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (text.length() > MAX_CODE_POINTS
        && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
      throw new SpecException(
          "Invalid YAML: the document is longer than "
              + MAX_CODE_POINTS
              + " characters (Unicode code points).");
    }
    return text.toString();
  }

  /** The composed documents of one stream, with the limits of {@link LimitingParser}. */
  private static final class Documents {

    private final LimitingParser events;
    private final Composer composer;

    Documents(String yaml) {
      this.events = new LimitingParser(new ParserImpl(SETTINGS, new StreamReader(SETTINGS, yaml)));
      this.composer = new Composer(SETTINGS, events);
    }

    boolean hasNext() {
      return composer.hasNext();
    }

    Node next() {
      return composer.next();
    }

    Optional<Mark> nextStart() {
      return events.peekEvent().getStartMark();
    }
  }
}
