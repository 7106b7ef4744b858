package dev.kiln.workspace.datastore;

/** A datastore spec that passed validation, with its path normalised. */
record ValidatedSpec(
    DatastoreType type,
    String description,
    String path,
    String endpoint,
    String bucket,
    String region,
    String prefix,
    String accessKeyId,
    String secretAccessKey) {

  @Override
  public String toString() {
    return "ValidatedSpec[type=" + type + ", endpoint=" + endpoint + ", bucket=" + bucket + "]";
  }
}
