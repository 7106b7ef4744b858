package dev.kiln.common.spec;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Words SnakeYAML Engine's errors, and Kiln's own refusals, as {@link SpecException}s. */
final class YamlErrors {

  private YamlErrors() {}

  /** A refusal at {@code mark} (1-based line and column in the message). */
  static SpecException at(Optional<Mark> mark, String problem) {
    return new SpecException(prefix(mark) + problem);
  }

  /** {@code error}, from the parser or composer, as a {@link SpecException}. */
  static SpecException translate(YamlEngineException error) {
    if (error instanceof MarkedYamlEngineException marked) {
      Optional<Mark> mark =
          marked.getProblemMark().isPresent() ? marked.getProblemMark() : marked.getContextMark();
      String problem = marked.getProblem() != null ? marked.getProblem() : "malformed document";
      String context =
          marked.getContext() == null
              ? ""
              : " (" + marked.getContext() + where(marked.getContextMark()) + ")";
      return new SpecException(prefix(mark) + problem + context, error);
    }
    return new SpecException("Invalid YAML: " + error.getMessage(), error);
  }

  /** {@code tag} as YAML writes it: {@code !!str}, {@code !!java.net.URL}, {@code !Ref}. */
  static String shorthand(Tag tag) {
    String value = tag.getValue();
    return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
  }

  static String line(Optional<Mark> mark) {
    return mark.map(m -> "line " + (m.getLine() + 1)).orElse("an earlier line");
  }

  private static String prefix(Optional<Mark> mark) {
    return mark.map(
            m ->
                "Invalid YAML at line "
                    + (m.getLine() + 1)
                    + ", column "
                    + (m.getColumn() + 1)
                    + ": ")
        .orElse("Invalid YAML: ");
  }

  private static String where(Optional<Mark> mark) {
    return mark.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
        .orElse("");
  }
}
