package dev.kiln.cli.compute;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --since} of {@code kiln compute usage}: an ISO-8601 instant ({@code
 * 2026-11-23T10:00:00Z}), or how long ago: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, a sum
 * of them ({@code 1h30m}) or an ISO-8601 duration ({@code PT2H}).
 */
final class UsageSince {

  /** One or more {@code <number><unit>} parts, units s, m, h, d. */
  private static final Pattern SHORT = Pattern.compile("(?:\\d{1,9}[smhd])+");

  private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhd])");

  private UsageSince() {}

  /**
   * The instant {@code text} names, counting durations back from {@code clock}'s now.
   *
   * @throws IllegalArgumentException when it is neither an instant nor a positive duration
   */
  static Instant parse(String text, Clock clock) {
    String value = text.strip();
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      // Not an instant: then it must be a duration.
    }
    Duration ago = duration(value.toLowerCase(Locale.ROOT));
    if (ago == null || ago.isZero() || ago.isNegative()) {
      throw new IllegalArgumentException(
          "--since must be an ISO-8601 instant such as 2026-11-23T10:00:00Z or a positive duration"
              + " such as 30m, 2h, 1d or 1h30m, was '"
              + value.replaceAll("\\p{Cntrl}", "?")
              + "'");
    }
    return clock.instant().minus(ago);
  }

  private static Duration duration(String value) {
    if (SHORT.matcher(value).matches()) {
      Duration total = Duration.ZERO;
      Matcher part = PART.matcher(value);
      while (part.find()) {
        long amount = Long.parseLong(part.group(1));
        total =
            total.plus(
                switch (part.group(2)) {
                  case "s" -> Duration.ofSeconds(amount);
                  case "m" -> Duration.ofMinutes(amount);
                  case "h" -> Duration.ofHours(amount);
                  default -> Duration.ofDays(amount);
                });
      }
      return total;
    }
    if (value.startsWith("p")) {
      try {
        return Duration.parse(value);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }
}
