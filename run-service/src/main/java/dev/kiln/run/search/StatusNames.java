package dev.kiln.run.search;

import dev.kiln.run.run.RunStatus;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which statuses a status in a filter means. MLflow's upper-case names map as MLflow sees Kiln's
 * statuses ({@code RUNNING} is Running and Finalizing, {@code SCHEDULED} is NotStarted, Queued and
 * Preparing); any other value is a Kiln status ({@code Completed}, {@code NOT_STARTED}), in any
 * case.
 */
final class StatusNames {

  static final String KNOWN =
      "one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED or a Kiln status such as Completed";

  private StatusNames() {}

  /** The statuses {@code name} means; none when it names no status. */
  static Set<RunStatus> named(String name) {
    Set<RunStatus> matched = EnumSet.noneOf(RunStatus.class);
    for (RunStatus status : RunStatus.values()) {
      if (status.mlflow().equals(name)) {
        matched.add(status);
      }
    }
    if (matched.isEmpty()) {
      for (RunStatus status : RunStatus.values()) {
        if (status.label().equalsIgnoreCase(name) || status.name().equalsIgnoreCase(name)) {
          matched.add(status);
        }
      }
    }
    return matched;
  }

  /** The statuses whose MLflow name, Kiln name or constant matches the SQL LIKE pattern. */
  static Set<RunStatus> like(String pattern, boolean ignoreCase) {
    Pattern regex =
        Pattern.compile(likeToRegex(pattern), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    Set<RunStatus> matched = EnumSet.noneOf(RunStatus.class);
    for (RunStatus status : RunStatus.values()) {
      if (regex.matcher(status.mlflow()).matches()
          || regex.matcher(status.label()).matches()
          || regex.matcher(status.name()).matches()) {
        matched.add(status);
      }
    }
    return matched;
  }

  /**
   * SQL LIKE to a regular expression: {@code %} any run, {@code _} one character, {@code \}
   * escapes.
   */
  private static String likeToRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }
}
