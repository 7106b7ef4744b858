package dev.kiln.common.spec;

import dev.kiln.common.error.InvalidRequestException;
import java.util.Collection;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;

/**
 * Decides about keys of a {@link Spec} body that no field takes. A key within two edits of a known
 * key (or equal to one but for case, {@code -} and {@code _}) is a typo: a 400 problem naming it
 * and the key it resembles. Any other unknown key is ignored, as Azure-only keys are, and named in
 * the response's {@value #WARNING_HEADER} header. Bodies that are not specs keep Jackson's usual
 * handling.
 */
public class SpecKeyChecker extends DeserializationProblemHandler {

  public static final String WARNING_HEADER = "X-Kiln-Ignored-Keys";
  private static final Logger log = LoggerFactory.getLogger(SpecKeyChecker.class);

  @Override
  public boolean handleUnknownProperty(
      DeserializationContext context,
      JsonParser parser,
      ValueDeserializer<?> deserializer,
      Object beanOrClass,
      String key) {
    Class<?> type = beanOrClass instanceof Class<?> c ? c : beanOrClass.getClass();
    if (!type.isAnnotationPresent(Spec.class)) {
      return false;
    }
    String known = closest(key, deserializer.getKnownPropertyNames());
    if (known != null) {
      throw new InvalidRequestException(
          "unknown_key", "Unknown key '" + key + "': did you mean '" + known + "'?");
    }
    parser.skipChildren();
    warn(key);
    return true;
  }

  /** The known key that {@code key} is most likely a typo of, or null. */
  static String closest(String key, Collection<Object> knownKeys) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Object candidate : knownKeys) {
      String known = String.valueOf(candidate);
      if (normalise(known).equals(normalise(key))) {
        return known;
      }
      int distance = distance(key.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
      int allowed = known.length() >= 8 ? 2 : known.length() >= 4 ? 1 : 0;
      if (distance <= allowed && distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static String normalise(String key) {
    return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static void warn(String key) {
    log.info("Ignored key '{}': Kiln has no use for it", key);
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current
        && current.getResponse() != null) {
      current.getResponse().addHeader(WARNING_HEADER, key);
    }
  }
}
