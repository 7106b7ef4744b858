package dev.kiln.common.auth;

import java.time.Instant;

/**
 * The verified caller of a request, as the gateway vouched for it.
 *
 * @param subject the user's id, or {@code system:<component>} for the platform's own calls
 * @param name the user's name
 * @param admin whether the user administers the whole platform
 * @param workspace the workspace the request addresses, if any
 * @param role the caller's role in that workspace, or {@code null} for none
 * @param expiresAt when this identity stops being accepted
 */
public record Identity(
    String subject, String name, boolean admin, String workspace, Role role, Instant expiresAt) {

  /** The request attribute under which a service keeps the verified identity. */
  public static final String ATTRIBUTE = Identity.class.getName();

  public static final String SYSTEM_PREFIX = "system:";

  public boolean system() {
    return subject.startsWith(SYSTEM_PREFIX);
  }

  /**
   * The role the caller holds in {@code workspaceName}: administrators and the platform's own
   * components hold Owner everywhere.
   */
  public Role roleIn(String workspaceName) {
    if (admin || system()) {
      return Role.OWNER;
    }
    return workspaceName.equals(workspace) ? role : null;
  }
}
