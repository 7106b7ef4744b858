/**
 * Run logs: lines of {@code stdout}, {@code stderr} and {@code system} output, each stamped with
 * the server's time and a per-run increasing id. Reading by id ({@code ?after=}) and from the end
 * ({@code ?tail=}) serves the CLI and the UI; following is server-sent events that poll the table
 * for ids after the last one sent, so any replica can serve any follower and a reconnecting client
 * resumes with {@code Last-Event-ID}.
 *
 * <p>Appends to one run are serialised by a transaction-scoped advisory lock, so a run's ids become
 * visible in increasing order and a follower that has seen id {@code n} never misses a line below
 * it.
 */
package dev.kiln.run.log;
