/**
 * Object storage for every service: the {@link dev.kiln.common.storage.ObjectStore} SPI, the key
 * rules all stores share ({@link dev.kiln.common.storage.ObjectKeys}), and two implementations, on
 * the local filesystem ({@link dev.kiln.common.storage.FileSystemObjectStore}) and on any
 * S3-compatible server ({@link dev.kiln.common.storage.S3ObjectStore}: MinIO or AWS in the
 * distributed shape, the embedded S3 server in the standalone platform and in tests). {@link
 * dev.kiln.common.storage.ObjectStoreAutoConfiguration} picks one from {@code kiln.storage.*}.
 *
 * <p>The S3 store also signs URLs with which clients move bytes straight to and from the server,
 * whole objects or the parts of a multipart upload; the filesystem store cannot, and says so.
 *
 * <p>Stores know nothing of workspaces, runs or models: services choose the keys (for example
 * {@code snapshots/<sha256>}) and keep what an object means in their own tables.
 */
package dev.kiln.common.storage;
