package dev.kiln.run.search;

import dev.kiln.common.error.InvalidRequestException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the pieces of a filter or order-by text left to right, keeping the position so that an
 * error can name where it happened. The run search and the MLflow facade's filters over experiments
 * and logged models share it.
 */
public final class FilterScanner {

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  private final String text;
  private final String code;
  private final String what;
  private int pos;

  /**
   * @param code the problem code of errors, {@code invalid_filter} or {@code invalid_order_by}
   * @param what how errors name the text, {@code filter} or {@code orderBy 'x'}
   */
  public FilterScanner(String text, String code, String what) {
    this.text = text;
    this.code = code;
    this.what = what;
  }

  public int pos() {
    return pos;
  }

  public void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  /** Whether only spaces are left. */
  public boolean atEnd() {
    skipSpace();
    return pos == text.length();
  }

  /** Consumes {@code expected} if it comes next. */
  public boolean tryConsume(String expected) {
    if (text.startsWith(expected, pos)) {
      pos += expected.length();
      return true;
    }
    return false;
  }

  public boolean atQuote() {
    return pos < text.length() && isQuote(text.charAt(pos));
  }

  public boolean atStringQuote() {
    return pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"');
  }

  /** A run of letters, digits and {@code _}, or {@code null} when none comes next. */
  public String word() {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return pos == start ? null : text.substring(start, pos);
  }

  /**
   * An unquoted key: letters, digits and {@code _ . - / :}, as MLflow keys use them ({@code
   * system/cpu}, {@code mlflow.runName}); {@code null} when none comes next.
   */
  public String bareKey() {
    int start = pos;
    while (pos < text.length() && isKeyChar(text.charAt(pos))) {
      pos++;
    }
    return pos == start ? null : text.substring(start, pos);
  }

  /**
   * The text between quotes ({@code '}, {@code "} or {@code `}) starting here; the quote doubled
   * inside stands for itself, as in SQL.
   */
  public String quoted() {
    int start = pos;
    char quote = text.charAt(pos++);
    StringBuilder value = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c != quote) {
        value.append(c);
      } else if (pos < text.length() && text.charAt(pos) == quote) {
        value.append(quote);
        pos++;
      } else {
        return value.toString();
      }
    }
    throw error(start, "the string that starts here has no closing " + quote);
  }

  /** A number such as {@code 1}, {@code -0.5} or {@code 1e-3}, or {@code null} when none. */
  public String number() {
    Matcher m = NUMBER.matcher(text).region(pos, text.length());
    if (!m.lookingAt()) {
      return null;
    }
    // "1abc" is not a number followed by a word: refuse it whole rather than misread it.
    if (m.end() < text.length() && isKeyChar(text.charAt(m.end()))) {
      return null;
    }
    pos = m.end();
    return m.group();
  }

  public InvalidRequestException error(int at, String message) {
    String near;
    if (at >= text.length()) {
      near = "at the end";
    } else {
      int end = Math.min(text.length(), at + 24);
      near =
          "at character "
              + (at + 1)
              + " ('"
              + text.substring(at, end)
              + (end < text.length() ? "…" : "")
              + "')";
    }
    return new InvalidRequestException(code, "Invalid " + what + " " + near + ": " + message);
  }

  static boolean isQuote(char c) {
    return c == '\'' || c == '"' || c == '`';
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '/' || c == ':';
  }
}
