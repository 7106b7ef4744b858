package dev.kiln.common.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.kiln.common.error.InvalidRequestException;
import java.util.Locale;

/** A workspace role, in increasing order of rights, with Azure ML's meaning. */
public enum Role {
  READER("Reader"),
  CONTRIBUTOR("Contributor"),
  OWNER("Owner");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  /** Whether this role grants at least what {@code required} grants. */
  public boolean atLeast(Role required) {
    return compareTo(required) >= 0;
  }

  @JsonValue
  public String label() {
    return label;
  }

  /** Parses {@code Owner}, {@code contributor}, {@code READER}...; anything else is a 400. */
  @JsonCreator
  public static Role parse(String value) {
    if (value != null) {
      for (Role role : values()) {
        if (role.label.toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
          return role;
        }
      }
    }
    throw new InvalidRequestException(
        "invalid_role", "role must be one of Owner, Contributor, Reader; was " + value);
  }
}
