package dev.kiln.testsupport;

import dev.kiln.common.auth.Identity;
import dev.kiln.common.auth.IdentityTokens;
import dev.kiln.common.auth.Role;
import java.time.Clock;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed identities for calling a service directly in tests, as the gateway would after
 * authenticating a token. The secret is the one {@link SharedInfrastructureInitializer} gives every
 * test context.
 */
public final class TestIdentities {

  /** The internal secret of test contexts. */
  public static final String SECRET = "kiln-test-internal-secret-0123456789";

  /** The id of the platform's built-in administrator. */
  public static final String ADMIN_ID = "00000000-0000-0000-0000-000000000001";

  private static final IdentityTokens TOKENS =
      new IdentityTokens(SECRET, JsonMapper.builder().build(), Clock.systemUTC());

  private TestIdentities() {}

  public static Map<String, String> admin() {
    return header(new Identity(ADMIN_ID, "admin", true, null, null, null));
  }

  /** A user holding {@code role} in {@code workspace} (or no role when {@code role} is null). */
  public static Map<String, String> member(String userId, String workspace, Role role) {
    return header(new Identity(userId, "user-" + userId, false, workspace, role, null));
  }

  public static Map<String, String> system(String component) {
    return header(
        new Identity(Identity.SYSTEM_PREFIX + component, component, false, null, null, null));
  }

  public static Map<String, String> header(Identity identity) {
    return Map.of(IdentityTokens.HEADER, TOKENS.sign(identity));
  }
}
