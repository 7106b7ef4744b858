/**
 * Code snapshots from the client's side: which files of a folder go in (the ignore files), their
 * hashes, the upload of only what the workspace lacks, and the git facts recorded on a run.
 */
package dev.kiln.cli.snapshot;
