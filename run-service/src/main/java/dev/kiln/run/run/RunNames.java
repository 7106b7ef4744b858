package dev.kiln.run.run;

import dev.kiln.common.error.InvalidRequestException;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Run names: chosen by the caller, or generated as Azure ML does ({@code brave_kiln_x7k2m9p4qd}).
 */
final class RunNames {

  private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,254}$");
  private static final List<String> ADJECTIVES =
      List.of(
          "amber", "brave", "calm", "dapper", "eager", "fancy", "gentle", "happy", "icy", "jolly",
          "keen", "lucid", "mellow", "nimble", "olive", "proud", "quiet", "rapid", "sunny", "tidy",
          "upbeat", "vivid", "witty", "young", "zesty");
  private static final List<String> NOUNS =
      List.of(
          "anvil",
          "badger",
          "cactus",
          "dune",
          "ember",
          "falcon",
          "garden",
          "harbor",
          "island",
          "jasper",
          "kiln",
          "lantern",
          "meadow",
          "nutmeg",
          "orchid",
          "pepper",
          "quartz",
          "river",
          "spoon",
          "tulip",
          "umbrella",
          "violin",
          "walrus",
          "yarrow",
          "zebra");
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunNames() {}

  static String generate() {
    StringBuilder name =
        new StringBuilder()
            .append(ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())))
            .append('_')
            .append(NOUNS.get(RANDOM.nextInt(NOUNS.size())))
            .append('_');
    for (int i = 0; i < 10; i++) {
      name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return name.toString();
  }

  static String requireValid(String name) {
    if (name == null || !VALID.matcher(name).matches()) {
      throw new InvalidRequestException(
          "invalid_job_name",
          "A job name is 1 to 255 letters, digits, '_' and '-', starting with a letter or digit.");
    }
    return name;
  }
}
