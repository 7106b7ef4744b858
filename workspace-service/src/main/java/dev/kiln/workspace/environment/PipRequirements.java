package dev.kiln.workspace.environment;

import dev.kiln.common.error.InvalidRequestException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pip requirements checked and put in canonical form, so that two spellings of the same list hash
 * the same. Only PyPI requirements by name are taken: pip options ({@code -e}, {@code --index-url},
 * {@code -r}) and direct references ({@code name @ url}) are refused.
 *
 * <p>Canonical form: comments and blank lines dropped; the project name normalised as PEP 503 says
 * (lower case, runs of {@code -_.} become {@code -}), extras likewise and sorted; the version
 * specifier without whitespace, its clauses sorted; an environment marker with its whitespace
 * collapsed. The list is then sorted and de-duplicated.
 */
final class PipRequirements {

  static final int MAX_COUNT = 500;
  static final int MAX_LENGTH = 500;

  private static final String NAME = "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?";
  private static final Pattern FORM =
      Pattern.compile("^(" + NAME + ")\\s*(?:\\[([^\\]]*)\\])?\\s*([^;]*?)\\s*(?:;(.*))?$");
  private static final Pattern NAME_ONLY = Pattern.compile("^" + NAME + "$");
  private static final Pattern CLAUSE =
      Pattern.compile("^(?:~=|===|==|!=|<=|>=|<|>)[A-Za-z0-9.*+!_-]+$");
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");
  private static final Pattern COMMENT = Pattern.compile("(?:^|\\s)#.*$");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private PipRequirements() {}

  /** The canonical, sorted and de-duplicated form of {@code lines}. */
  static List<String> canonical(Collection<String> lines) {
    if (lines.size() > MAX_COUNT) {
      throw invalid("At most " + MAX_COUNT + " pip requirements are allowed; got " + lines.size());
    }
    TreeSet<String> result = new TreeSet<>();
    for (String line : lines) {
      String requirement = canonicalLine(line);
      if (requirement != null) {
        result.add(requirement);
      }
    }
    if (result.size() > MAX_COUNT) {
      throw invalid("At most " + MAX_COUNT + " pip requirements are allowed; got " + result.size());
    }
    return List.copyOf(result);
  }

  /** One requirement in canonical form, or {@code null} for a blank or comment line. */
  static String canonicalLine(String raw) {
    if (raw == null) {
      throw invalid("A pip requirement is null.");
    }
    if (raw.length() > MAX_LENGTH) {
      throw invalid("A pip requirement is at most " + MAX_LENGTH + " characters long.");
    }
    if (raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0) {
      throw invalid("A pip requirement is one line; give each requirement as its own entry.");
    }
    String line = COMMENT.matcher(raw).replaceFirst("").strip();
    if (line.isEmpty()) {
      return null;
    }
    if (line.startsWith("-")) {
      throw invalid(
          "Pip options such as '"
              + line.split("\\s", 2)[0]
              + "' are refused: environments install from PyPI by name.");
    }
    if (line.contains("://") || line.startsWith(".") || line.startsWith("/")) {
      throw invalid("'" + line + "' is a URL or a path; environments install from PyPI by name.");
    }
    Matcher form = FORM.matcher(line);
    if (!form.matches() || line.chars().anyMatch(Character::isISOControl)) {
      throw invalid("'" + line + "' is not a requirement of the form name[extras]<specifier>.");
    }
    return normalise(form.group(1))
        + extras(form.group(2), line)
        + specifier(form.group(3), line)
        + marker(form.group(4), line);
  }

  private static String normalise(String name) {
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  private static String extras(String extras, String line) {
    if (extras == null) {
      return "";
    }
    TreeSet<String> names = new TreeSet<>();
    for (String extra : extras.split(",")) {
      String trimmed = extra.strip();
      if (!NAME_ONLY.matcher(trimmed).matches()) {
        throw invalid("'" + line + "' has an invalid extra '" + trimmed + "'.");
      }
      names.add(normalise(trimmed));
    }
    return "[" + String.join(",", names) + "]";
  }

  private static String specifier(String specifier, String line) {
    String compact = WHITESPACE.matcher(specifier).replaceAll("");
    if (compact.startsWith("(") && compact.endsWith(")")) {
      compact = compact.substring(1, compact.length() - 1);
    }
    if (compact.isEmpty()) {
      return "";
    }
    if (compact.startsWith("@")) {
      throw invalid(
          "'" + line + "' is a direct reference; environments install from PyPI by name.");
    }
    String[] clauses = compact.split(",", -1);
    for (String clause : clauses) {
      if (!CLAUSE.matcher(clause).matches()) {
        throw invalid("'" + line + "' has an invalid version specifier '" + clause + "'.");
      }
    }
    return String.join(",", new TreeSet<>(Arrays.asList(clauses)));
  }

  private static String marker(String marker, String line) {
    if (marker == null) {
      return "";
    }
    String collapsed = WHITESPACE.matcher(marker.strip()).replaceAll(" ");
    if (collapsed.isEmpty()) {
      throw invalid("'" + line + "' has an empty environment marker after ';'.");
    }
    return "; " + collapsed;
  }

  private static InvalidRequestException invalid(String detail) {
    return new InvalidRequestException("invalid_requirement", detail);
  }
}
