/**
 * Data assets: named, versioned pointers to data ({@code uri_file}, {@code uri_folder}, {@code
 * mltable}) on a datastore ({@code azureml://datastores/<name>/paths/<path>}) or on the web ({@code
 * https://}). Versions are immutable; data in the workspaceblobstore gets a content hash.
 */
package dev.kiln.workspace.data;
