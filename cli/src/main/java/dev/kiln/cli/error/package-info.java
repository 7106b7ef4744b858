/**
 * How {@code kiln} fails: the {@link dev.kiln.cli.error.ExitCode} classes, the one-line {@link
 * dev.kiln.cli.error.CliException} and the picocli handlers that print it.
 */
package dev.kiln.cli.error;
