/**
 * Code snapshots: the files a run's code was, content-addressed. A snapshot is a manifest of {@code
 * (path, sha256, size)} entries; its id is the SHA-256 of the manifest in canonical form, and each
 * file's content is a blob kept once per workspace under {@code
 * snapshots/{workspaceId}/blobs/{sha256}}. A client asks which blobs are missing, uploads only
 * those (the server hashes each upload and refuses a mismatch), then commits the manifest: the same
 * code committed twice is one snapshot, stored once.
 *
 * <p>The canonical form, so that a client can compute an id itself: the entries sorted by path in
 * Unicode code point order, each written as {@code <sha256> <size> <path>\n} (lower-case hex,
 * decimal size), in UTF-8. Paths follow the rules of artifact paths ({@link
 * dev.kiln.run.artifact.ArtifactPaths}), so none holds a line break.
 *
 * <p>Ignore files ({@code .amlignore}, {@code .gitignore}) are applied by the client; the server
 * only limits a snapshot's size ({@code kiln.snapshots.max-bytes}, {@code max-files}).
 */
package dev.kiln.run.snapshot;
