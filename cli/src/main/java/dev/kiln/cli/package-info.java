/**
 * The {@code kiln} command-line client: {@link dev.kiln.cli.KilnCli} (the entry point), the options
 * every command shares and the per-invocation {@link dev.kiln.cli.CliContext}. Feature commands
 * live in sub-packages ({@code workspace}, {@code workspace.member}, {@code user}, {@code token},
 * {@code config}); the printer in {@code output}, the REST client in {@code http}, exit codes in
 * {@code error}. No Spring here: the CLI must start fast.
 */
package dev.kiln.cli;
