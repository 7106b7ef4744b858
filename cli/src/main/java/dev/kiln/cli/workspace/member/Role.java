package dev.kiln.cli.workspace.member;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A workspace role: read in any case on the command line, sent capitalised ({@code Owner}). */
enum Role {
  OWNER("Owner"),
  CONTRIBUTOR("Contributor"),
  READER("Reader");

  /** The roles as the API names them, for messages: {@code Owner, Contributor, Reader}. */
  static final String CHOICES =
      Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", "));

  private final String label;

  Role(String label) {
    this.label = label;
  }

  /** The name the API uses. */
  @JsonValue
  String label() {
    return label;
  }

  /**
   * The role named {@code text}, in any case; anything else is an {@link IllegalArgumentException}.
   */
  static Role parse(String text) {
    String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (Role role : values()) {
      if (role.label.toLowerCase(Locale.ROOT).equals(wanted)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + text + "': expected one of " + CHOICES);
  }

  /** Reads {@code --role} values, naming the three roles when it fails (a usage error). */
  static final class Converter implements ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
