/**
 * The {@code kiln environment} commands over {@code /api/v1/workspaces/{workspace}/environments}:
 * immutable named versions of a container image plus Python packages. {@code create} inlines the
 * local files a spec names: the conda file's text and the lines of a requirements file.
 */
package dev.kiln.cli.environment;
