package dev.kiln.common.spec;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Passes SnakeYAML Engine's events on to its composer, refusing nesting deeper than {@link
 * SafeYaml#MAX_DEPTH} and more than {@link SafeYaml#MAX_ALIASES} aliases before the composer sees
 * them: the composer recurses once per level, so a megabyte of {@code [} would otherwise overflow
 * the stack.
 */
final class LimitingParser implements Parser {

  private final Parser events;
  private int depth;
  private int aliases;

  LimitingParser(Parser events) {
    this.events = events;
  }

  @Override
  public boolean checkEvent(Event.ID id) {
    return events.checkEvent(id);
  }

  @Override
  public Event peekEvent() {
    return events.peekEvent();
  }

  @Override
  public boolean hasNext() {
    return events.hasNext();
  }

  @Override
  public Event next() {
    Event event = events.next();
    switch (event.getEventId()) {
      case SequenceStart, MappingStart -> {
        if (++depth > SafeYaml.MAX_DEPTH) {
          throw YamlErrors.at(
              event.getStartMark(),
              "lists and maps are nested more than " + SafeYaml.MAX_DEPTH + " levels deep.");
        }
      }
      case SequenceEnd, MappingEnd -> depth--;
      case Alias -> {
        if (++aliases > SafeYaml.MAX_ALIASES) {
          throw YamlErrors.at(
              event.getStartMark(),
              "the document uses more than "
                  + SafeYaml.MAX_ALIASES
                  + " aliases (*name); write the values out instead.");
        }
      }
      default -> {
        // Scalars, document and stream boundaries and comments need no limit here.
      }
    }
    return event;
  }
}
