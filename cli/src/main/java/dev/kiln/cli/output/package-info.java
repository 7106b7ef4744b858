/**
 * Printing what the server answered as JSON, YAML or aligned tables; reusable by every command
 * through {@link dev.kiln.cli.output.Printer} and {@link dev.kiln.cli.output.Column}.
 */
package dev.kiln.cli.output;
