package dev.kiln.workspace.datastore;

import java.time.Instant;
import java.util.UUID;

/** A datastore as the API shows it: never its credentials, only whether it has some. */
record DatastoreResponse(
    UUID id,
    String name,
    String type,
    String description,
    String path,
    String endpoint,
    String bucket,
    String region,
    String prefix,
    boolean credentialsSet,
    boolean isDefault,
    Instant createdAt,
    Instant updatedAt) {

  static DatastoreResponse of(Datastore d) {
    return new DatastoreResponse(
        d.id(),
        d.name(),
        d.type().label(),
        d.description(),
        d.path(),
        d.endpoint(),
        d.bucket(),
        d.region(),
        d.prefix(),
        d.secretCiphertext() != null,
        d.type() == DatastoreType.PLATFORM,
        d.createdAt(),
        d.updatedAt());
  }
}
