/**
 * Spec files ({@code -f <file.yml|file.json>}) as commands read them: one YAML or JSON document
 * ({@link dev.kiln.cli.spec.SpecFile}), adjusted with {@code --set key=value} ({@link
 * dev.kiln.cli.spec.Assignment}) and sent to the server as JSON.
 */
package dev.kiln.cli.spec;
