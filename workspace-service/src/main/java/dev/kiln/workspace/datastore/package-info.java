/**
 * Datastores: where a workspace's data lives. Types: {@code platform} (the workspace's own {@code
 * workspaceblobstore}, on the platform's object store), {@code local} (a folder under a root the
 * platform's configuration allows) and {@code s3} (any S3-compatible bucket). Credentials are
 * encrypted at rest and never leave the service.
 */
package dev.kiln.workspace.datastore;
