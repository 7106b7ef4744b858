/**
 * Environments: the Python runtimes that jobs and deployments run in, as immutable name + version
 * assets of a workspace. A version holds a base image, a Python version, pip requirements (from
 * {@code pip_requirements} and from a conda file's {@code pip:} section, merged) and environment
 * variables; its {@code contentHash} covers exactly those, in canonical form, so compute-service
 * can cache a materialised environment by it.
 *
 * <p>Kiln's curated environments ({@code kiln-minimal}, {@code kiln-sklearn}, {@code kiln-pytorch},
 * {@code kiln-tensorflow}) are seeded at start into rows without a workspace, seen by every
 * workspace, and stand in for Azure ML's curated environments ({@code AzureML-sklearn-…} and the
 * like). A workspace's own environment of the same name takes precedence in that workspace.
 */
package dev.kiln.workspace.environment;
