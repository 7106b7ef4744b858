/**
 * The {@code kiln datastore} commands over {@code /api/v1/workspaces/{workspace}/datastores}, for
 * the workspace that {@code -w}, {@code KILN_WORKSPACE} or the config file selects. Credentials go
 * to the server once, in the spec of {@code create}; nothing these commands print ever shows a
 * secret access key, even one a server sent back.
 */
package dev.kiln.cli.datastore;
