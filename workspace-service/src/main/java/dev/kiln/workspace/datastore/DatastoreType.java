package dev.kiln.workspace.datastore;

import dev.kiln.common.error.InvalidRequestException;
import java.util.Locale;

enum DatastoreType {
  PLATFORM,
  LOCAL,
  S3;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The types a user may create ({@code platform} is made by Kiln only). */
  static DatastoreType parseUserType(String value) {
    if (value != null) {
      switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "local":
          return LOCAL;
        case "s3":
          return S3;
        default:
          break;
      }
    }
    throw new InvalidRequestException(
        "invalid_datastore_type", "type must be 'local' or 's3'; was " + value);
  }
}
