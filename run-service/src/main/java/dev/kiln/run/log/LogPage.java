package dev.kiln.run.log;

import java.util.List;

/**
 * Lines of a run's log in id order.
 *
 * @param lines the lines
 * @param next the id of the last line, to pass as {@code after} to read on; the {@code after} that
 *     was asked when there are no lines
 */
public record LogPage(List<LogLine> lines, long next) {}
