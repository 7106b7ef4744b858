package dev.kiln.run.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * One column of a search's order: a never-null SQL expression, its type and direction. A cursor
 * keeps the values of these columns for the last run of a page, encoded as text.
 */
record SortColumn(String expression, Type type, boolean ascending) {

  /** How a column's value is read from a row, encoded in a cursor and bound again. */
  enum Type {
    INT,
    DOUBLE,
    TEXT,
    TIME,
    UUID;

    String read(ResultSet rs, int column) throws SQLException {
      return switch (this) {
        case INT -> Integer.toString(rs.getInt(column));
        case DOUBLE -> Double.toString(rs.getDouble(column));
        case TEXT -> rs.getString(column);
        case TIME -> rs.getObject(column, OffsetDateTime.class).toInstant().toString();
        case UUID -> rs.getObject(column, java.util.UUID.class).toString();
      };
    }

    /**
     * The value to bind for an encoded one.
     *
     * @throws IllegalArgumentException when {@code encoded} is not a value of this type
     */
    Object bind(String encoded) {
      try {
        return switch (this) {
          case INT -> Integer.parseInt(encoded);
          case DOUBLE -> Double.parseDouble(encoded);
          case TEXT -> encoded;
          case TIME -> OffsetDateTime.ofInstant(Instant.parse(encoded), ZoneOffset.UTC);
          case UUID -> java.util.UUID.fromString(encoded);
        };
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("Not a " + this + ": " + encoded, e);
      }
    }
  }
}
