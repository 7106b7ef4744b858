package dev.kiln.cli.output;

import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** The JSON and YAML mappers of the CLI, configured once (mappers are thread-safe). */
public final class Mappers {

  /** Reads and writes JSON. */
  public static final JsonMapper JSON = JsonMapper.builder().build();

  /** Reads and writes YAML without a {@code ---} marker and with quotes only where needed. */
  public static final YAMLMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .build();

  private static final DefaultIndenter INDENTER = new DefaultIndenter("  ", "\n");

  /** Pretty JSON in the usual layout: {@code "key": value}, two-space indent, one item a line. */
  public static final ObjectWriter PRETTY_JSON =
      JSON.writer()
          .with(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                          .withObjectEmptySeparator("")
                          .withArrayEmptySeparator(""))
                  .withObjectIndenter(INDENTER)
                  .withArrayIndenter(INDENTER));

  private Mappers() {}
}
