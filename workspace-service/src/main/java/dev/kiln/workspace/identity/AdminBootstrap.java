package dev.kiln.workspace.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * On start, makes the built-in administrator and registers the admin token the platform was given
 * ({@code kiln.identity.admin-token}: the standalone's {@code $KILN_HOME/admin-token}, or a secret
 * in the distributed shape). Several replicas may race; the loser finds the rows made.
 */
@Component
class AdminBootstrap {

  private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

  private final UserService users;
  private final TokenService tokens;
  private final String adminToken;

  AdminBootstrap(
      UserService users,
      TokenService tokens,
      @Value("${kiln.identity.admin-token:}") String adminToken) {
    this.users = users;
    this.tokens = tokens;
    this.adminToken = adminToken.trim();
  }

  @EventListener(ApplicationReadyEvent.class)
  void bootstrap() {
    try {
      users.ensureAdmin();
      if (adminToken.isEmpty()) {
        return;
      }
      if (!adminToken.startsWith(TokenSecrets.PREFIX) || adminToken.length() < 20) {
        log.error(
            "kiln.identity.admin-token is not a Kiln token (kiln_...); it was not registered");
        return;
      }
      if (!tokens.exists(adminToken)) {
        tokens.create(UserService.ADMIN_ID, "admin-token", null, adminToken);
        log.info("Registered the administrator's token");
      }
    } catch (DataIntegrityViolationException e) {
      log.debug("Another replica bootstrapped the administrator first");
    }
  }
}
