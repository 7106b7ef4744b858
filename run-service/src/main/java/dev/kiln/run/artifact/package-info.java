/**
 * Artifacts: the files a run leaves behind, kept as objects under {@code
 * runs/{runId}/artifacts/{path}} with no table of their own (the object store is the truth, and
 * deleting a run deletes its prefix). Clients upload and download through the API, or, where the
 * object store speaks HTTP, straight to it through presigned URLs and S3 multipart uploads.
 *
 * <p>Every path is checked by {@link dev.kiln.run.artifact.ArtifactPaths} before anything is
 * touched: a path that could climb out of the run's folder, or that would mean something else once
 * decoded or normalised, is refused with 400 {@code invalid_artifact_path}, never repaired. When
 * the store cannot sign URLs (the filesystem store), presigning answers 409 {@code
 * presign_unsupported} and multipart uploads 409 {@code multipart_unsupported}, neither retryable:
 * the client should upload through {@code PUT .../artifacts/{path}} instead.
 */
package dev.kiln.run.artifact;
