package dev.kiln.run.log;

import java.time.Instant;

/**
 * One line of a run's log.
 *
 * @param id increasing within the run; what {@code ?after=} and {@code Last-Event-ID} take
 * @param stream {@code stdout}, {@code stderr} or {@code system}
 * @param time when the server received it
 * @param line the text, without its line break
 */
public record LogLine(long id, String stream, Instant time, String line) {}
